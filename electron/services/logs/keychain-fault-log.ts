import { AppError } from '../../../shared/contract/errors';
import type { AppLog } from './app-log';
import type { SecretVault } from '../keychain/secret-vault';
import { errorKind } from '../base/error-kind';

/** An AppError's message is the app's own words; of anything else only its kind is logged. */
const reason = (error: unknown): string =>
  error instanceof AppError ? `${error.code}: ${error.message}` : errorKind(error);

/**
 * The vault, with each call the keychain refuses written to the app log: which call, on which
 * account name, and the refusal's code and message (written for the user, so never a secret;
 * other errors by their kind only). The error still reaches the caller unchanged.
 *
 * A refusal is logged once until a call goes through: a screen with 200 rows asks about 200
 * passwords, and 200 lines of one fault would push the rest of the log out of a support bundle.
 */
export function logKeychainFaults(vault: SecretVault, log: Pick<AppLog, 'warn'>): SecretVault {
  let logged: string | undefined;
  const guard = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
    try {
      const answer = await call();
      logged = undefined;
      return answer;
    } catch (error) {
      const why = reason(error);
      if (why !== logged) log.warn(`Keychain ${what} failed (${why})`);
      logged = why;
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
