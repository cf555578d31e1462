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
    },
    state.mailbox(from),
  );
  return internetMessageId;
}

function serverFor(
  state: TenantState,
  signer: TokenSigner,
  certificates: DemoCertificates,
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
    onAuth: (auth, _session, callback) => {
      authenticator.login(auth).then(
        (user) => callback(null, { user }),
        (error: Error) => callback(error),
      );
    },
    onMailFrom: (address: SMTPServerAddress, session, callback) => {
      const user = String(session.user ?? '');
      const mailbox = state.mailbox(address.address);
      const allowed = same(address.address, user) || !!mailbox?.sendAs.some((u) => same(u, user));
      callback(allowed ? undefined : smtpError(550, replies.sendAsDenied));
    },
    onData: (stream, session, callback) => {
      deliver(state, stream, session).then(
        (id) => callback(null, `2.0.0 OK ${id} [Hostname=${HOSTNAME}]`),
        (error: Error) => callback(smtpError(554, `5.6.0 ${error.message}`)),
      );
    },
  });
}

async function listenOn(server: SMTPServer): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  // Client faults (a reset, a bad TLS hello) must not crash the tenant.
  server.on('error', () => undefined);
  return (server.server.address() as AddressInfo).port;
}

/** Starts the submission server on two loopback ports: STARTTLS (587's role) and implicit TLS (465's). */
export async function startDemoSmtp(
  state: TenantState,
  signer: TokenSigner,
  certificates: DemoCertificates,
): Promise<DemoSmtp> {
  const starttls = serverFor(state, signer, certificates, false);
  const implicit = serverFor(state, signer, certificates, true);
  const [starttlsPort, implicitTlsPort] = [await listenOn(starttls), await listenOn(implicit)];
  const close = (server: SMTPServer) =>
    new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    host: '127.0.0.1',
    starttlsPort,
    implicitTlsPort,
    close: async () => {
      await Promise.all([close(starttls), close(implicit)]);
    },
  };
}
