import { AppError } from '../../shared/contract/errors';
import type { AppLog } from './app-log';
import type { SecretVault } from './contracts';
import { errorKind } from './error-kind';

/** An AppError's message is the app's own words; of anything else only its kind is logged. */
const reason = (error: unknown): string =>
  error instanceof AppError ? `${error.code}: ${error.message}` : errorKind(error);

/**
 * The vault, with each call the keychain refuses written to the app log: which call, on which
 * account name, and the refusal's code and message (written for the user, so never a secret;
 * other errors by their kind only). The error still reaches the caller unchanged.
 */
export function logKeychainFaults(vault: SecretVault, log: Pick<AppLog, 'warn'>): SecretVault {
  const guard = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      log.warn(`Keychain ${what} failed (${reason(error)})`);
      throw error;
    }
  };
  const locked = vault.locked?.bind(vault);
  return {
    set: (account, value) => guard(`set ${account}`, () => vault.set(account, value)),
    clear: (account) => guard(`clear ${account}`, () => vault.clear(account)),
    isSet: (account) => guard(`isSet ${account}`, () => vault.isSet(account)),
    read: (account) => guard(`read ${account}`, () => vault.read(account)),
    accounts: (prefix) => guard(`accounts ${prefix}`, () => vault.accounts(prefix)),
    ...(locked && { locked: () => guard('lock check', locked) }),
  };
}
