import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chownTree, freePort, LOOPBACK, stopProcessGroup, tailOf, userIds } from './local-process';

export interface SquidOptions {
  /** Names squid resolves from its own hosts file (name → address); nothing else resolves. */
  hosts: Record<string, string>;
  /** When set, every request needs these credentials (407 with a Basic challenge otherwise). */
  basicAuth?: { user: string; password: string };
  /**
   * The ports CONNECT may reach; any other is refused with 403. Default [443], as squid's shipped
   * `http_access deny CONNECT !SSL_ports` does.
   */
  connectPorts?: number[];
}

export interface Squid {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  /** squid's access log so far (one line a request, squid's native format). */
  accessLog(): Promise<string>;
  /** Stops squid and its helpers and deletes its directory. */
  stop(): Promise<void>;
}

const SQUID = '/usr/sbin/squid';
const NCSA_AUTH = '/usr/lib/squid/basic_ncsa_auth';
/** Squid's own default realm wording, so a client sees the challenge a stock squid sends. */
export const SQUID_REALM = 'Squid proxy-caching web server';
const START_TIMEOUT_MS = 20_000;

/** Only the rules that decide a client's fate: the shipped defaults minus caching and peers. */
function squidConf(dir: string, port: number, options: SquidOptions): string {
  const connectPorts = options.connectPorts ?? [443];
  const auth = options.basicAuth
    ? [
        `auth_param basic program ${NCSA_AUTH} ${dir}/passwd`,
        'auth_param basic children 2 startup=1',
        `auth_param basic realm ${SQUID_REALM}`,
        'acl authenticated proxy_auth REQUIRED',
      ]
    : [];
  return [
    `http_port ${LOOPBACK}:${port}`,
    // Without it squid asks the resolver for the machine's name, which a namespace lacks.
    'visible_hostname erp-test-proxy',
    `pid_filename ${dir}/squid.pid`,
    `cache_log ${dir}/cache.log`,
    // stdio, not the default log daemon, so accessLog() reads what squid wrote at once.
    `access_log stdio:${dir}/access.log`,
    'cache_store_log none',
    'cache deny all',
    `coredump_dir ${dir}`,
    `hosts_file ${dir}/hosts`,
    // A resolver that answers nothing: squid starts with no network and no names but its own.
    `dns_nameservers ${LOOPBACK}`,
    'pinger_enable off',
    'netdb_filename none',
    'shutdown_lifetime 0 seconds',
    ...auth,
    `acl SSL_ports port ${connectPorts.join(' ')}`,
    'acl CONNECT method CONNECT',
    'http_access deny CONNECT !SSL_ports',
    options.basicAuth ? 'http_access allow authenticated' : 'http_access allow all',
    'http_access deny all',
    '',
  ].join('\n');
}

/** An Apache MD5 ($apr1$) hash, which basic_ncsa_auth reads; openssl comes with ca-certificates. */
function apr1(password: string): string {
  return execFileSync('openssl', ['passwd', '-apr1', '-stdin'], {
    input: `${password}\n`,
    encoding: 'utf8',
  }).trim();
}

function writeFiles(dir: string, port: number, options: SquidOptions): string {
  const hosts = Object.entries(options.hosts).map(([name, address]) => `${address} ${name}\n`);
  fs.writeFileSync(path.join(dir, 'hosts'), hosts.join(''));
  if (options.basicAuth) {
    const { user, password } = options.basicAuth;
    if (/[:\s]/.test(user)) throw new Error(`squid: a Basic user name cannot hold ':' or spaces`);
    fs.writeFileSync(path.join(dir, 'passwd'), `${user}:${apr1(password)}\n`, { mode: 0o640 });
  }
  const conf = path.join(dir, 'squid.conf');
  fs.writeFileSync(conf, squidConf(dir, port, options));
  // As root squid drops to `proxy`, which must still write its logs and read the password file.
  if (process.getuid?.() === 0) {
    const proxy = userIds('proxy');
    chownTree(dir, proxy.uid, proxy.gid);
  }
  return conf;
}

const accepts = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = net.connect({ host: LOOPBACK, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });

/** Resolves once `port` accepts; rejects if the child exits first or time runs out. */
export async function waitUntilListening(
  child: ChildProcess,
  port: number,
  failure: () => string,
  ready: () => boolean = () => true,
): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${child.spawnfile} exited during start-up:\n${failure()}`);
    if (ready() && (await accepts(port))) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${child.spawnfile} not ready within ${START_TIMEOUT_MS} ms:\n${failure()}`);
}

/**
 * A private squid on loopback, as a company's forward proxy: its own configuration, logs and
 * hosts file in a temp dir, no cache, no DNS (only the names given resolve), CONNECT limited to
 * `connectPorts`, and Basic authentication through squid's NCSA helper when asked.
 */
export async function startSquid(options: SquidOptions): Promise<Squid> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'squid-'));
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const conf = writeFiles(dir, port, options);
  const stderr: Buffer[] = [];
  // -N: no daemon, no kid processes, so the process group spawn() makes holds all of squid.
  const child = spawn(SQUID, ['-N', '-f', conf], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
  const killOnExit = () => void stopProcessGroup(child);
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    await stopProcessGroup(child);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const failure = () =>
    `${Buffer.concat(stderr).toString().trim()}\n${tailOf(path.join(dir, 'cache.log'))}`;
  try {
    await waitUntilListening(child, port, failure);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `http://${LOOPBACK}:${port}`,
    port,
    accessLog: () => fs.promises.readFile(path.join(dir, 'access.log'), 'utf8').catch(() => ''),
    stop,
  };
}
