/**
 * Run by secret-vault.integration.test.ts in a child process, because libsecret keeps its D-Bus
 * connection for the life of a process: only a fresh process sees the environment the test gives
 * it. Tries every vault call and prints how each one ended, as JSON.
 */
import { AppError } from '../../shared/contract/errors';
import { createKeychainVault } from '../../electron/services/keychain/secret-vault';

const [service = '', account = '', secret = ''] = process.argv.slice(2);
const vault = createKeychainVault({ service });

const outcome = async (attempt: () => Promise<unknown>) => {
  try {
    return { ok: true, value: await attempt() };
  } catch (error) {
    return error instanceof AppError
      ? { ok: false, code: error.code, message: error.message }
      : { ok: false, code: 'not-an-app-error', message: String(error) };
  }
};

const results = {
  set: await outcome(() => vault.set(account, secret)),
  isSet: await outcome(() => vault.isSet(account)),
  read: await outcome(() => vault.read(account)),
  clear: await outcome(() => vault.clear(account)),
  accounts: await outcome(() => vault.accounts(account)),
};
process.stdout.write(JSON.stringify(results));
