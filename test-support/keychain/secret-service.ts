import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

/*
 * Locks and unlocks the GNOME Keyring of the D-Bus session the tests run in, the way a person
 * (or the screen locker) would: the Secret Service's Lock over D-Bus, and the login password.
 */

const run = promisify(execFile);
const SECRETS = ['--session', '--dest', 'org.freedesktop.secrets'];
const LOGIN = '/org/freedesktop/secrets/collection/login';

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
 * Unlocks the keyring scripts/with-private-keyring.sh made, with the password it kept, the way
 * pam_gnome_keyring does at login (a prompt would need a display): GKD_CONTROL_OP_UNLOCK on the
 * daemon's control socket. One zero byte (the daemon reads our credentials off the socket), then
 * big-endian u32s [packet length][op 1][password length] and the password; it answers
 * [8][result], 0 being OK. The daemon keeps running, so every process's connection stays good.
 */
export async function unlockPrivateKeyring(): Promise<void> {
  const data = process.env.ERP_MAIL_PRIVATE_KEYRING_DATA;
  const control = process.env.GNOME_KEYRING_CONTROL;
  if (!data || !control)
    throw new Error('Run under scripts/with-private-keyring.sh to unlock its keyring.');
  const password = await readFile(path.join(data, 'password'));
  const header = Buffer.alloc(13);
  header.writeUInt32BE(12 + password.length, 1);
  header.writeUInt32BE(1, 5);
  header.writeUInt32BE(password.length, 9);
  const answer = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(path.join(control, 'control'), () =>
      socket.end(Buffer.concat([header, password])),
    );
    socket.setTimeout(10_000, () =>
      socket.destroy(new Error('The keyring daemon did not answer.')),
    );
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks)));
  });
  const result = answer.length >= 8 ? answer.readUInt32BE(4) : -1;
  if (result !== 0 || (await keychainLocked()))
    throw new Error(`The private keyring did not unlock (control answer ${result}).`);
}
