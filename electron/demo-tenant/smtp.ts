import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { simpleParser } from 'mailparser';
import {
  SMTPServer,
  type SMTPServerAddress,
  type SMTPServerAuthentication,
  type SMTPServerSession,
} from 'smtp-server';
import type { DemoCertificates } from './certs';
import { isExchangeAudience } from './permissions';
import type { TenantState } from './state';
import type { TokenSigner } from './tokens';
import type { Traffic } from './traffic';

/** The demo's SMTP submission server, standing for smtp.office365.com. */
export interface DemoSmtp {
  host: string;
  /** Port 587's role: plain, then STARTTLS before AUTH. */
  starttlsPort: number;
  /** Port 465's role: TLS from the first byte. */
  implicitTlsPort: number;
  close(): Promise<void>;
}

const HOSTNAME = 'DEMO01.outlook.office365.com';

/** Exchange Online's reply texts (FLOWS.md §4), so the app's diagnoses meet them as they are. */
const replies = {
  smtpAuthDisabled: (where: 'Tenant' | 'Mailbox') =>
    `5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the ${where}. Visit https://aka.ms/smtp_auth_disabled for more information. [${HOSTNAME}]`,
  basicAuthOff: `5.7.30 Basic authentication is not supported for Client Submission. [${HOSTNAME}]`,
  badCredentials: `5.7.139 Authentication unsuccessful, the user credentials were incorrect. [${HOSTNAME}]`,
  badToken: `5.7.3 Authentication unsuccessful [${HOSTNAME}]`,
  notAuthenticated: `530 5.7.57 Client not authenticated to send mail. [${HOSTNAME}]`,
  sendAsDenied: `5.7.60 SMTP; Client does not have permissions to send as this sender [${HOSTNAME}]`,
};

function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An injected SMTP fault before a reply: latency delays it; a 429/503 or a reset answers
 * 421 and closes, as a server shedding load does.
 */
async function injected(traffic: Traffic): Promise<void> {
  const fault = traffic.take('smtp');
  if (!fault) return;
  if (fault.latencyMs) await sleep(fault.latencyMs);
  if (fault.status || fault.reset)
    throw smtpError(421, `4.3.2 Service not available, closing transmission channel [${HOSTNAME}]`);
}

/** Runs a hook's work after any injected fault, answering its callback with the outcome. */
function hook<T>(
  traffic: Traffic,
  work: () => T | Promise<T>,
  callback: (error: Error | null | undefined, value?: T) => void,
): void {
  injected(traffic)
    .then(work)
    .then(
      (value) => callback(null, value),
      (error: Error) => callback(error),
    );
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * SMTP AUTH as Exchange Online answers it: the SMTP AUTH switches first (organisation, then
 * mailbox), then Basic auth's switch for a password, or the token's audience and SMTP permission
 * for XOAUTH2 (delegated SMTP.Send for the signed-in user, app-only SMTP.SendAsApp for a mailbox).
 */
class SmtpAuthenticator {
  constructor(
    private readonly state: TenantState,
    private readonly signer: TokenSigner,
  ) {}

  async login(auth: SMTPServerAuthentication): Promise<string> {
    const name = auth.username ?? '';
    if (!this.state.smtpAuthEnabledFor(name)) {
      const mailboxOff = this.state.mailbox(name)?.smtpAuthEnabled === false;
      throw smtpError(535, replies.smtpAuthDisabled(mailboxOff ? 'Mailbox' : 'Tenant'));
    }
    if (auth.method === 'XOAUTH2') return this.tokenLogin(name, auth.accessToken ?? '');
    if (!this.state.organization.smtpBasicAuthEnabled) throw smtpError(550, replies.basicAuthOff);
    const user = this.state.user(name);
    const ok = user && user.password === auth.password && !user.disabled && !user.locked;
    if (!ok || !this.state.mailbox(name)) throw smtpError(535, replies.badCredentials);
    return user.userPrincipalName;
  }

  private async tokenLogin(name: string, token: string): Promise<string> {
    const verified = await this.signer.verify(token, isExchangeAudience);
    if (!verified.ok) throw smtpError(535, replies.badToken);
    const { claims } = verified;
    const delegated =
      claims.idtyp === 'user' &&
      (claims.scp ?? '').split(' ').includes('SMTP.Send') &&
      same(claims.upn ?? '', name);
    const scope = this.state.app(claims.appid)?.impersonationScope;
    const appOnly =
      claims.idtyp === 'app' &&
      (claims.roles ?? []).includes('SMTP.SendAsApp') &&
      (!scope || scope.some((a) => same(a, name)));
    const mailbox = this.state.mailbox(name);
    if (!(delegated || appOnly) || !mailbox) throw smtpError(535, replies.badToken);
    return mailbox.address;
  }
}

/** The message's own X- headers, as the client wrote them. */
const xHeaders = (lines: readonly { key: string; line: string }[]): Record<string, string> =>
  Object.fromEntries(
    lines
      .filter((h) => h.key.startsWith('x-'))
      .map((h) => {
        const colon = h.line.indexOf(':');
        return [h.line.slice(0, colon).trim(), h.line.slice(colon + 1).trim()];
      }),
  );

/** Delivers the message into the simulated mailboxes, with a copy in the sender's Sent Items. */
async function deliver(state: TenantState, stream: Readable, session: SMTPServerSession) {
  const parsed = await simpleParser(stream);
  const envelopeFrom = session.envelope.mailFrom;
  const from = envelopeFrom ? envelopeFrom.address : '';
  const internetMessageId = parsed.messageId ?? `<${randomBytes(12).toString('hex')}@demo>`;
  state.deliver(
    {
      internetMessageId,
      subject: parsed.subject ?? '',
      body: parsed.html || parsed.text || '',
      bodyType: parsed.html ? 'HTML' : 'Text',
      from,
      to: session.envelope.rcptTo.map((r) => r.address),
      cc: [],
      headers: xHeaders(parsed.headerLines),
    },
    state.mailbox(from),
  );
  return internetMessageId;
}

interface SmtpParts {
  state: TenantState;
  signer: TokenSigner;
  traffic: Traffic;
  certificates: DemoCertificates;
}

export interface SmtpListenOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 (default) picks a free port. */
  starttlsPort?: number;
  implicitTlsPort?: number;
}

function serverFor(
  { state, signer, traffic, certificates }: SmtpParts,
  secure: boolean,
): SMTPServer {
  const authenticator = new SmtpAuthenticator(state, signer);
  return new SMTPServer({
    secure,
    name: HOSTNAME,
    banner: 'Microsoft ESMTP MAIL Service ready (demo tenant: no mail leaves this machine)',
    key: certificates.keyPem,
    cert: certificates.certPem,
    authMethods: ['PLAIN', 'LOGIN', 'XOAUTH2'],
    authRequiredMessage: replies.notAuthenticated,
    size: 35 * 1024 * 1024,
    logger: false,
    onConnect: (_session, callback) => {
      traffic.count('smtp');
      hook(traffic, () => undefined, callback);
    },
    onAuth: (auth, _session, callback) => {
      hook(traffic, async () => ({ user: await authenticator.login(auth) }), callback);
    },
    onMailFrom: (address: SMTPServerAddress, session, callback) => {
      hook(
        traffic,
        () => {
          const user = String(session.user ?? '');
          const mailbox = state.mailbox(address.address);
          if (same(address.address, user) || mailbox?.sendAs.some((u) => same(u, user))) return;
          throw smtpError(550, replies.sendAsDenied);
        },
        callback,
      );
    },
    onData: (stream, session, callback) => {
      hook(
        traffic,
        async () => {
          const id = await deliver(state, stream, session).catch((error: Error) => {
            throw smtpError(554, `5.6.0 ${error.message}`);
          });
          return `2.0.0 OK ${id} [Hostname=${HOSTNAME}]`;
        },
        callback,
      );
    },
  });
}

async function listenOn(server: SMTPServer, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  // Client faults (a reset, a bad TLS hello) must not crash the tenant.
  server.on('error', () => undefined);
  return (server.server.address() as AddressInfo).port;
}

/** Starts the submission server on two ports: STARTTLS (587's role) and implicit TLS (465's). */
export async function startDemoSmtp(
  parts: SmtpParts,
  listenOptions: SmtpListenOptions = {},
): Promise<DemoSmtp> {
  const host = listenOptions.host ?? '127.0.0.1';
  const starttls = serverFor(parts, false);
  const implicit = serverFor(parts, true);
  const starttlsPort = await listenOn(starttls, listenOptions.starttlsPort ?? 0, host);
  const implicitTlsPort = await listenOn(implicit, listenOptions.implicitTlsPort ?? 0, host).catch(
    async (error: unknown) => {
      await new Promise<void>((resolve) => starttls.close(() => resolve()));
      throw error;
    },
  );
  const close = (server: SMTPServer) =>
    new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    host,
    starttlsPort,
    implicitTlsPort,
    close: async () => {
      await Promise.all([close(starttls), close(implicit)]);
    },
  };
}
