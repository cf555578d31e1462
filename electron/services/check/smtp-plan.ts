import { describeFailure } from '../../../shared/diagnosis/diagnose';
import {
  isExchangeOnlineSmtp,
  type AuthFlow,
  type SystemSettings,
} from '../../../shared/settings/system-settings';
import type { SmtpRoute } from '../network/route';
import type { SendReport } from '../mail/sender';
import type { MailCredentials } from '../mail/port';
import { SmtpSender } from '../mail/smtp/smtp-sender';
import { AnnotatedFailure, RunFailure } from '../mail/failure';
import type { AcquiredToken } from '../tokens/token-broker';
import type { FollowPath, SendRequest, Sent } from './send-plans';
import { IMAP_TLS_PORT } from '../mail/imap/imap-client';

/** FLOWS.md §1: the token a mailbox needs for SMTP AUTH XOAUTH2, delegated or app-only. */
const SMTP_SEND_SCOPE = 'https://outlook.office365.com/SMTP.Send';
const APP_ONLY_SCOPE = 'https://outlook.office365.com/.default';

const BASIC_AUTH_NOTE =
  'Exchange Online and Basic auth: Microsoft switches Basic auth for SMTP AUTH off by default for existing tenants at the end of December 2026 (550 5.7.30), and SMTP AUTH can be off for the tenant or the mailbox (535 5.7.139). OAuth (XOAUTH2) or Microsoft Graph keep working.';

/** Rows 21–24 as the XOAUTH2 attempt needs them: both IDs, and the flow's secret. */
const oauthRowsFilled = (s: SystemSettings, oauthSecret: string | undefined) =>
  s.clientId !== '' && s.tenantId !== '' && (oauthSecret ?? '') !== '';

function senderFor(route: SmtpRoute, s: SystemSettings, auth: MailCredentials | undefined) {
  return new SmtpSender({ ...route, host: s.serverAddress, port: s.port, secure: s.useSsl, auth });
}

/** What the attempt needs that is not filled in, as the rows of row 23's flow name it. */
function notTriedLine(flow: AuthFlow): string {
  const rows =
    flow === 'password'
      ? 'rows 21–22 (row 23 User name/Password logs in as User name (SMTP) with Password (SMTP))'
      : 'rows 21–22 and row 24 (Client secret)';
  return `XOAUTH2 (OAuth) attempt: not tried; fill in ${rows} to learn whether the OAuth path works.`;
}

/**
 * The admin's other way in, tried after the configured one: a token from rows 21–24 (ROPC with
 * the SMTP account, or the app's client credentials sending as Sender), then AUTH XOAUTH2. Its
 * outcome is reported on its own lines; it never decides the test's own verdict.
 */
async function tryXoauth2(request: SendRequest, route: SmtpRoute, oauthSecret: string | undefined) {
  const { settings: s, input, run, deps, message } = request;
  if (!oauthRowsFilled(s, oauthSecret)) return [notTriedLine(s.authFlow)];
  const steps = run.steps(true);
  const user = s.authFlow === 'password' ? input.dialog.userName.trim() : message.from;
  try {
    const token: AcquiredToken = await steps.step('token', async () => {
      const entraRoute = await deps.environment.route(s);
      return run.token({
        route: entraRoute,
        flow: s.authFlow,
        clientId: s.clientId,
        serverAddress: 'outlook.office365.com',
        userName: user,
        secret: oauthSecret ?? '',
        scope: s.authFlow === 'password' ? SMTP_SEND_SCOPE : APP_ONLY_SCOPE,
      });
    });
    const sender = senderFor(route, s, { kind: 'xoauth2', user, accessToken: token.accessToken });
    // Up to AUTH only: a second real message in the mailbox is not what the admin asked for.
    await sender.authenticate(steps);
    return [
      `XOAUTH2 (OAuth) attempt: XOAUTH2 accepted up to AUTH as ${user} (EHLO, TLS, AUTH XOAUTH2, QUIT); no second message sent. The OAuth path works with rows 21–24 as they are.`,
    ];
  } catch (error) {
    if (!(error instanceof RunFailure)) throw error;
    const lines = describeFailure(run.redactFacts(error.facts), s.authFlow, s.clientId);
    return ['XOAUTH2 (OAuth) attempt: failed.', ...lines.map((line) => `  ${line}`)];
  }
}

/** What smtp.office365.com adds to a result: Basic auth's end, and the XOAUTH2 attempt. */
async function exchangeOnlineNotes(request: SendRequest, route: SmtpRoute): Promise<string[]> {
  const { settings: s, secret } = request;
  const oauthSecret = s.authFlow === 'password' ? secret : await request.secretOf('clientSecret');
  return [BASIC_AUTH_NOTE, ...(await tryXoauth2(request, route, oauthSecret))];
}

/**
 * FLOWS.md §11 for SMTP: the same login reads its own mailbox over IMAP at the same server
 * (implicit TLS, 993), trusting what the send trusted. Without a login there is nothing to read.
 */
function imapFollow(
  { settings: s, deps }: SendRequest,
  route: SmtpRoute,
  auth: MailCredentials | undefined,
): FollowPath | undefined {
  if (!auth) return undefined;
  return {
    kind: 'imap',
    endpoint: async () => ({
      host: s.serverAddress,
      port: IMAP_TLS_PORT,
      tls: { minVersion: 'TLSv1.2', ca: route.ca },
      credentials: auth,
      route: await deps.environment.imapRoute(s.serverAddress, IMAP_TLS_PORT),
    }),
  };
}

/**
 * FLOWS.md §7, Server based, via SMTP: connect, TLS, AUTH with rows 17–18 when a user name is set,
 * send, quit. Against smtp.office365.com also what §4 says about Basic auth, and an XOAUTH2
 * attempt with rows 21–24, reported separately.
 */
export async function smtpPlan(request: SendRequest): Promise<Sent> {
  const { settings: s, input, secret, message, steps, deps } = request;
  const route = await deps.environment.smtpRoute(s);
  const user = input.dialog.userName.trim();
  const auth: MailCredentials | undefined = user
    ? { kind: 'password', user, password: secret ?? '' }
    : undefined;
  const basic = senderFor(route, s, auth);
  const follow = imapFollow(request, route, auth);
  if (!isExchangeOnlineSmtp(s.serverAddress))
    return { report: await basic.send(message, steps), route, follow };
  let report: SendReport;
  try {
    report = await basic.send(message, steps);
  } catch (error) {
    if (!(error instanceof RunFailure)) throw error;
    throw new AnnotatedFailure(error.facts, await exchangeOnlineNotes(request, route));
  }
  const notes = await exchangeOnlineNotes(request, route);
  return { report: { lines: [...report.lines, ...notes] }, route, follow };
}
