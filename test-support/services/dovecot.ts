import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import { isIP } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { createDemoCertificates } from '../../electron/demo-tenant/certs';
import {
  chownTree,
  dovecotUsers,
  freePort,
  LOOPBACK,
  stopProcessGroup,
  tailOf,
} from '../servers/local-process';

/** One message placed in INBOX before the server starts. */
export interface DovecotMessage {
  subject: string;
  date: Date;
  seen?: boolean;
}

export interface DovecotOptions {
  user?: string;
  password?: string;
  messages?: readonly DovecotMessage[];
  /** The names the server's certificate is issued for; another name makes clients refuse it. */
  certificateHosts?: readonly string[];
  /** Also accept SASL XOAUTH2 with this access token, checked by a local introspection endpoint. */
  accessToken?: string;
}

export interface Dovecot {
  host: string;
  port: number;
  user: string;
  password: string;
  /** The throw-away CA that issued the server's certificate; trust it next to the system roots. */
  caPem: string;
  /** Stops the server and deletes its directory (certificates, mail, logs). */
  stop(): Promise<void>;
}

const HOST = LOOPBACK;
const START_TIMEOUT_MS = 15_000;

function writeMaildir(root: string, messages: readonly DovecotMessage[], user: string): void {
  for (const sub of ['cur', 'new', 'tmp']) fs.mkdirSync(path.join(root, sub), { recursive: true });
  messages.forEach((message, i) => {
    const unique = `${Math.floor(message.date.getTime() / 1000)}.M${i}P${process.pid}.test`;
    const file = message.seen
      ? path.join(root, 'cur', `${unique}:2,S`)
      : path.join(root, 'new', unique);
    const text = [
      `From: ERP Mail Settings test <sender@example.com>`,
      `To: ${user}@example.com`,
      `Subject: ${message.subject}`,
      `Date: ${message.date.toUTCString()}`,
      `Message-ID: <${unique}@example.com>`,
      '',
      `Test message ${i + 1}.`,
      '',
    ].join('\r\n');
    fs.writeFileSync(file, text);
    // Maildir's received date is the file's modification time.
    fs.utimesSync(file, message.date, message.date);
  });
}

/**
 * OAuth as Exchange Online offers it (SASL XOAUTH2 only): dovecot's oauth2 passdb asks an RFC 7662 introspection
 * endpoint whether a token is active and whose it is. Ours knows one token.
 */
async function startIntrospection(accessToken: string, user: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const active = new URLSearchParams(body).get('token') === accessToken;
      res.writeHead(active ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify(active ? { active: true, username: user } : { active: false }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  return server;
}

const oauthPassdb = (dir: string) => `
passdb {
  driver = oauth2
  mechanisms = xoauth2
  args = ${dir}/oauth2.conf.ext
}
`;

const oauthConfig = (introspection: http.Server) => `
introspection_mode = post
introspection_url = http://${HOST}:${(introspection.address() as net.AddressInfo).port}/introspect
username_attribute = username
active_attribute = active
active_value = true
`;

/** IMAP over implicit TLS alone on `port` (no plain IMAP listener), login without a chroot. */
export const imapsOnly = (port: number) => `service imap-login {
  chroot =
  inet_listener imap {
    port = 0
  }
  inet_listener imaps {
    port = ${port}
    ssl = yes
  }
}
`;

const config = (
  dir: string,
  port: number,
  users: ReturnType<typeof dovecotUsers>,
  oauth: boolean,
) => `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = ${HOST}
ssl = required
ssl_cert = <${dir}/cert.pem
ssl_key = <${dir}/key.pem
ssl_min_protocol = TLSv1.2
auth_mechanisms = plain login${oauth ? ' xoauth2' : ''}
auth_failure_delay = 0
# Loopback is trusted so that a test's failed login does not slow the next one (auth penalty).
login_trusted_networks = 127.0.0.0/8
default_internal_user = ${users.internal}
default_internal_group = ${users.group}
default_login_user = ${users.login}
first_valid_uid = ${users.uid}
mail_location = maildir:${dir}/mail/%u/Maildir
${oauth ? oauthPassdb(dir) : ''}
passdb {
  driver = passwd-file
  mechanisms = plain login
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=${users.uid} gid=${users.gid} home=${dir}/mail/%u
}
# chroot needs root; a test server gains nothing from it.
service anvil {
  chroot =
}
${imapsOnly(port)}`;

/** What a client needs to check the server's certificate: its CA, and a name the leaf carries. */
interface Probe {
  port: number;
  caPem: string;
  certificateHosts: readonly string[];
}

/**
 * Whether the server greets over TLS, which proves its login process works (a listening socket
 * alone does not: dovecot's master accepts connections even while imap-login keeps failing).
 */
const greets = ({ port, caPem, certificateHosts }: Probe): Promise<boolean> =>
  new Promise((resolve) => {
    const name = certificateHosts.find((host) => isIP(host) === 0);
    const socket = tls.connect({
      host: HOST,
      port,
      ca: [caPem],
      ...(certificateHosts.includes(HOST) || !name ? {} : { servername: name }),
    });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('data', (data: Buffer) => done(data.toString().startsWith('* OK')));
    socket.once('error', () => done(false));
    socket.once('close', () => done(false));
  });

async function waitUntilReady(child: ChildProcess, probe: Probe, dir: string): Promise<void> {
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (spawnError) throw new Error(`dovecot could not be started: ${spawnError.message}`);
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `dovecot exited during start-up (${child.exitCode ?? child.signalCode}):\n${tailOf(path.join(dir, 'dovecot.log'))}`,
      );
    if (await greets(probe)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(
    `dovecot did not greet on ${HOST}:${probe.port} within ${START_TIMEOUT_MS} ms:\n${tailOf(path.join(dir, 'dovecot.log'))}`,
  );
}

/**
 * A private dovecot IMAP server on loopback for tests: its own generated configuration, TLS with
 * a throw-away CA, one passwd-file user, and a Maildir INBOX holding `messages`. Nothing of the
 * system's dovecot configuration is read or changed.
 */
export async function startDovecot(options: DovecotOptions = {}): Promise<Dovecot> {
  const { user = 'alice', password = 'correct horse battery staple', messages = [] } = options;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dovecot-'));
  // dovecot's unprivileged processes must reach the files below.
  fs.chmodSync(dir, 0o755);
  const users = dovecotUsers();
  const { certificateHosts = ['127.0.0.1', 'localhost'] } = options;
  const certificates = createDemoCertificates(Date.now(), certificateHosts);
  fs.writeFileSync(path.join(dir, 'cert.pem'), certificates.certPem);
  fs.writeFileSync(path.join(dir, 'key.pem'), certificates.keyPem, { mode: 0o600 });
  fs.writeFileSync(path.join(dir, 'users'), `${user}:{PLAIN}${password}::::::\n`, { mode: 0o644 });
  const mail = path.join(dir, 'mail');
  writeMaildir(path.join(mail, user, 'Maildir'), messages, user);
  chownTree(mail, users.uid, users.gid);

  const introspection = options.accessToken
    ? await startIntrospection(options.accessToken, user)
    : undefined;
  if (introspection)
    fs.writeFileSync(path.join(dir, 'oauth2.conf.ext'), oauthConfig(introspection), {
      mode: 0o644,
    });
  const port = await freePort();
  const conf = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(conf, config(dir, port, users, introspection !== undefined));
  const child = spawn('dovecot', ['-F', '-c', conf], { stdio: 'ignore', detached: true });
  // A test run that ends without afterAll (a crash, Ctrl+C) must not leave the server running.
  const killOnExit = () => stopProcessGroup(child);
  process.once('exit', killOnExit);
  const cleanUp = async () => {
    process.off('exit', killOnExit);
    await stopProcessGroup(child);
    introspection?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(child, { port, caPem: certificates.caPem, certificateHosts }, dir);
  } catch (error) {
    await cleanUp();
    throw error;
  }

  return {
    host: HOST,
    port,
    user,
    password,
    caPem: certificates.caPem,
    stop: cleanUp,
  };
}
