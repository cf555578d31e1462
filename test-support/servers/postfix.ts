import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createDemoCertificates } from '../../electron/demo-tenant/certs';
import {
  chownTree,
  dovecotUsers,
  freePort,
  groupId,
  LOOPBACK,
  stopProcessGroup,
  tailOf,
  userIds,
} from './local-process';
import { imapsOnly } from '../services/dovecot';

export interface PostfixOptions {
  /** The SASL login (also a mailbox of the local domain). */
  user?: string;
  password?: string;
  /** Also serve the test maildir over IMAP (implicit TLS), logged in with the same account. */
  imap?: boolean;
}

export interface Postfix {
  host: string;
  /** Submission with STARTTLS and SASL AUTH (like port 587). */
  submissionPort: number;
  /** Implicit TLS (like port 465). */
  implicitTlsPort: number;
  /** IMAP with implicit TLS on the delivered mail (like 993), when started with `imap`. */
  imapPort?: number;
  user: string;
  password: string;
  /** Every address of this domain is delivered to the test maildir; nothing else leaves. */
  domain: string;
  /** The throw-away CA that issued the server's certificate (for 127.0.0.1 and localhost). */
  caPem: string;
  /** The messages delivered so far, raw (RFC 5322), oldest first. */
  delivered(): string[];
  /** Waits until `count` messages have been delivered (delivery follows the 250 by a moment). */
  waitForDelivery(count: number, timeoutMs?: number): Promise<string[]>;
  /** Stops postfix and dovecot and deletes the directory (configuration, queue, mail, logs). */
  stop(): Promise<void>;
}

const DOMAIN = 'example.test';
const MASTER = '/usr/lib/postfix/sbin/master';
const START_TIMEOUT_MS = 20_000;

const mainCf = (dir: string, mail: { uid: number; gid: number }) => `
compatibility_level = 3.6
queue_directory = ${dir}/queue
data_directory = ${dir}/data
maillog_file = ${dir}/maillog
maillog_file_prefixes = ${dir}
mail_owner = postfix
setgid_group = postdrop
myhostname = mail.${DOMAIN}
mydomain = ${DOMAIN}
myorigin = $myhostname
mydestination =
inet_interfaces = ${LOOPBACK}
inet_protocols = ipv4
# Nobody is trusted by address: sending needs AUTH, as on a submission server.
mynetworks =
relayhost =
# Whatever is not for the test domain bounces here: nothing is relayed off the machine.
default_transport = error:5.7.1 this test server delivers nothing off the machine
relay_transport = error:5.7.1 this test server delivers nothing off the machine
alias_maps =
alias_database =
local_recipient_maps =
biff = no
smtputf8_enable = no
virtual_mailbox_domains = ${DOMAIN}
virtual_mailbox_base = ${dir}/mail
virtual_mailbox_maps = static:delivered/
virtual_uid_maps = static:${mail.uid}
virtual_gid_maps = static:${mail.gid}
virtual_minimum_uid = 1
smtpd_tls_cert_file = ${dir}/cert.pem
smtpd_tls_key_file = ${dir}/key.pem
smtpd_tls_security_level = may
smtpd_tls_auth_only = yes
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = ${dir}/queue/private/auth
smtpd_relay_restrictions = permit_sasl_authenticated, reject
smtpd_recipient_restrictions = permit_sasl_authenticated, reject
# A wrong password is answered at once, so the tests do not wait for the tarpit.
smtpd_error_sleep_time = 0
smtpd_soft_error_limit = 100
smtpd_hard_error_limit = 100
`;

/** Only the services a submission server needs; none chrooted (the queue is a temp dir). */
const masterCf = (submissionPort: number, implicitTlsPort: number) => `
${LOOPBACK}:${submissionPort} inet n - n - - smtpd
${LOOPBACK}:${implicitTlsPort} inet n - n - - smtpd -o smtpd_tls_wrappermode=yes -o smtpd_tls_security_level=encrypt
cleanup unix n - n - 0 cleanup
qmgr unix n - n 300 1 qmgr
tlsmgr unix - - n 1000? 1 tlsmgr
rewrite unix - - n - - trivial-rewrite
bounce unix - - n - 0 bounce
defer unix - - n - 0 bounce
trace unix - - n - 0 bounce
verify unix - - n - 1 verify
flush unix n - n 1000? 0 flush
proxymap unix - - n - - proxymap
anvil unix - - n - 1 anvil
scache unix - - n - 1 scache
virtual unix - n n - - virtual
error unix - - n - - error
retry unix - - n - - error
discard unix - - n - - discard
postlog unix-dgram n - n - 1 postlogd
`;

/** IMAP over implicit TLS on the maildir postfix delivers every message of the domain into. */
const imapConf = (dir: string, port: number) => `
protocols = imap
listen = ${LOOPBACK}
ssl = required
ssl_cert = <${dir}/cert.pem
ssl_key = <${dir}/key.pem
ssl_min_protocol = TLSv1.2
login_trusted_networks = 127.0.0.0/8
mail_location = maildir:${dir}/mail/delivered
${imapsOnly(port)}`;

/**
 * dovecot as postfix's SASL backend, one passwd-file user; with `imapPort` also the IMAP server
 * of the delivered mail, as the account's own mailbox (the maildir's owner, nobody).
 */
const dovecotConf = (dir: string, imapPort: number | undefined) => {
  const users = dovecotUsers();
  const mail = userIds('nobody');
  return `
base_dir = ${dir}/dovecot/run
state_dir = ${dir}/dovecot/state
log_path = ${dir}/dovecot/dovecot.log
${imapPort ? imapConf(dir, imapPort) : 'protocols = none\nssl = no'}
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = ${users.internal}
default_internal_group = ${users.group}
default_login_user = ${users.login}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/dovecot/users
}
userdb {
  driver = static
  args = uid=${imapPort ? mail.uid : users.uid} gid=${imapPort ? mail.gid : users.gid} home=${dir}/dovecot/home/%u
}
# No auth penalty: a test's wrong password must not slow the next test's login (Dovecot's
# documented way to switch it off).
service anvil {
  chroot =
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service auth {
  unix_listener ${dir}/queue/private/auth {
    mode = 0666
  }
}
`;
};

/** Whether the port greets in plain text (220), or, for implicit TLS, at least accepts. */
const answers = (port: number, greeting: boolean): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = net.connect({ host: LOOPBACK, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    if (!greeting) socket.once('connect', () => done(true));
    socket.once('data', (data: Buffer) => done(data.toString().startsWith('220')));
    socket.once('error', () => done(false));
  });

async function waitFor(
  ready: () => boolean | Promise<boolean>,
  children: ChildProcess[],
  failure: () => string,
): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const exited = children.find((c) => c.exitCode !== null || c.signalCode !== null);
    if (exited) throw new Error(`exited during start-up (${exited.spawnfile}):\n${failure()}`);
    if (await ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`not ready within ${START_TIMEOUT_MS} ms:\n${failure()}`);
}

/** The queue's directories with the owners and modes postfix's daemons check for. */
function makeQueue(queue: string): void {
  const postfix = userIds('postfix');
  const postdrop = groupId('postdrop');
  const layout: [string, number, number][] = [
    ...[
      'active',
      'bounce',
      'corrupt',
      'defer',
      'deferred',
      'flush',
      'hold',
      'incoming',
      'private',
      'saved',
      'trace',
    ].map((name): [string, number, number] => [name, 0o700, 0]),
    ['maildrop', 0o730, postdrop],
    ['public', 0o710, postdrop],
  ];
  for (const [name, mode, gid] of layout) {
    const sub = path.join(queue, name);
    fs.mkdirSync(sub, { recursive: true });
    fs.chmodSync(sub, mode);
    fs.chownSync(sub, postfix.uid, gid);
  }
  fs.mkdirSync(path.join(queue, 'pid'), { mode: 0o755 });
}

function writeFiles(
  dir: string,
  { user, password, imapPort }: { user: string; password: string; imapPort?: number },
  caHosts: string[],
) {
  const certificates = createDemoCertificates(Date.now(), caHosts);
  for (const sub of ['config', 'data', 'mail', 'dovecot/run', 'dovecot/state'])
    fs.mkdirSync(path.join(dir, sub), { recursive: true });
  makeQueue(path.join(dir, 'queue'));
  fs.writeFileSync(path.join(dir, 'cert.pem'), certificates.certPem);
  fs.writeFileSync(path.join(dir, 'key.pem'), certificates.keyPem, { mode: 0o600 });
  fs.writeFileSync(path.join(dir, 'dovecot/users'), `${user}:{PLAIN}${password}::::::\n`, {
    mode: 0o644,
  });
  fs.writeFileSync(path.join(dir, 'dovecot/dovecot.conf'), dovecotConf(dir, imapPort));
  const mail = userIds('nobody');
  chownTree(path.join(dir, 'mail'), mail.uid, mail.gid);
  const postfix = userIds('postfix');
  chownTree(path.join(dir, 'data'), postfix.uid, postfix.gid);
  return { caPem: certificates.caPem, mail };
}

function readMaildir(dir: string): string[] {
  const root = path.join(dir, 'mail', 'delivered');
  const files = ['new', 'cur'].flatMap((sub) => {
    const folder = path.join(root, sub);
    return fs.existsSync(folder) ? fs.readdirSync(folder).map((f) => path.join(folder, f)) : [];
  });
  // Maildir names start with the delivery time in seconds, then a sequence: sort by mtime.
  return files
    .map((file) => ({ file, at: fs.statSync(file).mtimeMs }))
    .sort((a, b) => a.at - b.at)
    .map(({ file }) => fs.readFileSync(file, 'utf8'));
}

/**
 * A private postfix on loopback for tests, run by root as CI runs the tests: its own
 * configuration, queue and data directories, a submission port (STARTTLS, SASL AUTH through a
 * private dovecot) and an implicit-TLS port, a throw-away CA, and local delivery of the test
 * domain into a Maildir. Nothing is relayed; nothing of the system's postfix or dovecot is read
 * or changed.
 */
export async function startPostfix(options: PostfixOptions = {}): Promise<Postfix> {
  const { user = `alice@${DOMAIN}`, password = 'correct horse battery staple' } = options;
  if (process.getuid?.() !== 0)
    throw new Error(
      'postfix’s master runs only as root: run the tests as CI does (scripts/test.sh).',
    );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'postfix-'));
  fs.chmodSync(dir, 0o755);
  const imapPort = options.imap ? await freePort() : undefined;
  const { caPem } = writeFiles(dir, { user, password, imapPort }, [LOOPBACK, 'localhost']);
  const [submissionPort, implicitTlsPort] = [await freePort(), await freePort()];
  const config = path.join(dir, 'config');
  // With IMAP the account reads its own bounces: off-machine mail is accepted, then bounced (a DSN).
  const bounceLater = imapPort
    ? 'smtpd_reject_unlisted_recipient = no\nbounce_size_limit = 2000\n'
    : '';
  fs.writeFileSync(path.join(config, 'main.cf'), mainCf(dir, userIds('nobody')) + bounceLater);
  fs.writeFileSync(path.join(config, 'master.cf'), masterCf(submissionPort, implicitTlsPort));

  const children: ChildProcess[] = [];
  const killOnExit = () => children.forEach((c) => void stopProcessGroup(c));
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    await Promise.all(children.map((c) => stopProcessGroup(c)));
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const logs = () =>
    `postfix:\n${tailOf(path.join(dir, 'maillog'))}\ndovecot:\n${tailOf(path.join(dir, 'dovecot/dovecot.log'))}`;
  try {
    const socket = path.join(dir, 'queue/private/auth');
    children.push(
      spawn('dovecot', ['-F', '-c', path.join(dir, 'dovecot/dovecot.conf')], {
        stdio: 'ignore',
        detached: true,
      }),
    );
    await waitFor(() => fs.existsSync(socket), children, logs);
    // The master itself, not `postfix start`: that detaches it into a session of its own,
    // out of reach of stop(). -d keeps it in the process group spawn() made.
    children.push(
      spawn(MASTER, ['-d', '-c', config], {
        stdio: 'ignore',
        detached: true,
        env: { ...process.env, MAIL_CONFIG: config },
      }),
    );
    await waitFor(
      async () =>
        (await answers(submissionPort, true)) &&
        (await answers(implicitTlsPort, false)) &&
        (!imapPort || (await answers(imapPort, false))),
      children,
      logs,
    );
  } catch (error) {
    await stop();
    throw error;
  }

  const delivered = () => readMaildir(dir);
  return {
    host: LOOPBACK,
    submissionPort,
    implicitTlsPort,
    imapPort,
    user,
    password,
    domain: DOMAIN,
    caPem,
    delivered,
    async waitForDelivery(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (delivered().length < count) {
        if (Date.now() > deadline)
          throw new Error(`${count} message(s) not delivered in ${timeoutMs} ms:\n${logs()}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return delivered();
    },
    stop,
  };
}
