import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

/*
 * Locks and unlocks the GNOME Keyring of the D-Bus session the tests run in, the way a person
 * (or the screen locker) would: the Secret Service's Lock over D-Bus, and the login password.
 */

const run = promisify(execFile);
const SECRETS = ['--session', '--dest', 'org.freedesktop.secrets'];
const LOGIN = '/org/freedesktop/secrets/collection/login';

/** Who owns the Secret Service's bus name; asking the bus itself never starts a daemon. */
async function secretServiceOwner(): Promise<string> {
  const { stdout } = await run('gdbus', [
    'call',
    '--session',
    '--dest',
    'org.freedesktop.DBus',
    '--object-path',
    '/org/freedesktop/DBus',
    '--method',
    'org.freedesktop.DBus.GetNameOwner',
    'org.freedesktop.secrets',
  ]).catch(() => ({ stdout: '' }));
  return stdout.trim();
}

/** The Secret Service's `Lock` on the login collection. */
export async function lockKeychain(): Promise<void> {
  await run('gdbus', [
    'call',
    ...SECRETS,
    '--object-path',
    '/org/freedesktop/secrets',
    '--method',
    'org.freedesktop.Secret.Service.Lock',
    `['${LOGIN}']`,
  ]);
  if (!(await keychainLocked())) throw new Error('The Secret Service did not lock the keyring.');
}

export async function keychainLocked(): Promise<boolean> {
  const { stdout } = await run('gdbus', [
    'call',
    ...SECRETS,
    '--object-path',
    LOGIN,
    '--method',
    'org.freedesktop.DBus.Properties.Get',
    'org.freedesktop.Secret.Collection',
    'Locked',
  ]);
  return stdout.includes('<true>');
}

/**
 * Unlocks the keyring scripts/with-private-keyring.sh made, with the password it kept: a prompt
 * needs a display, so the daemon is replaced by one started unlocked on the same folder.
 */
export async function unlockPrivateKeyring(): Promise<void> {
  const data = process.env.ERP_MAIL_PRIVATE_KEYRING_DATA;
  if (!data) throw new Error('Run under scripts/with-private-keyring.sh to unlock its keyring.');
  const password = await readFile(path.join(data, 'password'));
  const before = await secretServiceOwner();
  await new Promise<void>((resolve, reject) => {
    const daemon = execFile(
      'gnome-keyring-daemon',
      ['--replace', '--unlock', '--components=secrets'],
      { env: { ...process.env, XDG_DATA_HOME: data } },
      (error) => (error ? reject(error) : resolve()),
    );
    daemon.stdin?.end(password);
  });
  // Until the new daemon owns the name, a call to it would make D-Bus start another, locked one.
  for (let tries = 0; tries < 50; tries++) {
    const owner = await secretServiceOwner();
    if (owner !== '' && owner !== before && !(await keychainLocked())) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The private keyring did not come back unlocked.');
}
