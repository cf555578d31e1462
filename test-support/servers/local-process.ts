import { execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Test servers listen on loopback only. */
export const LOOPBACK = '127.0.0.1';

/** A port free right now on loopback (the server that takes it starts right after). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const idOf = (flag: '-u' | '-g', name: string): number =>
  Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());

/**
 * Who dovecot's processes run as. Without root, everything runs as the current user. Its login
 * processes refuse root and it never lets a mail process run as uid 0, so as root it uses the
 * `dovenull` and `dovecot` users the Debian package creates.
 */
export function dovecotUsers() {
  if (process.getuid?.() !== 0) {
    const me = os.userInfo();
    const group = execFileSync('id', ['-gn'], { encoding: 'utf8' }).trim();
    return { login: me.username, internal: me.username, group, uid: me.uid, gid: me.gid };
  }
  return {
    login: 'dovenull',
    internal: 'dovecot',
    group: 'dovecot',
    uid: idOf('-u', 'dovecot'),
    gid: idOf('-g', 'dovecot'),
  };
}

export function userIds(name: string): { uid: number; gid: number } {
  return { uid: idOf('-u', name), gid: idOf('-g', name) };
}

export function groupId(name: string): number {
  return Number(execFileSync('getent', ['group', name], { encoding: 'utf8' }).split(':')[2]);
}

export function chownTree(dir: string, uid: number, gid: number): void {
  fs.chownSync(dir, uid, gid);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(full, uid, gid);
    else fs.chownSync(full, uid, gid);
  }
}

/** The last lines of a server's log file, for a start-up error. */
export function tailOf(file: string, lines = 10): string {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Ends a server and every process it started. It leads its own process group (spawned
 * detached), so one signal reaches them all; SIGKILL because nothing of a test server needs
 * saving and a graceful shutdown takes a second or more.
 */
export async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(-child.pid, 'SIGKILL');
  await exited;
}
