import tls from 'node:tls';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { diagnose } from '../../shared/diagnosis/diagnose';
import { rawHttps, rawToken } from '../../test-support/services/raw-https';
import { RecordingStepContext } from '../../test-support/services/recording-step-context';
import { randomUUID } from 'node:crypto';
import { markFor, type OutgoingMessage } from '../services/mail/port';
import type { MailCredentials } from '../services/mail/port';
import { SmtpSender } from '../services/mail/smtp/smtp-sender';
import { RunFailure } from '../services/mail/failure';
import { startDemoTenant, type DemoTenant } from './index';
import { SMTP_SEND_AS_APP_ID } from './permissions';
import {
  CLIENT_SECRET_APP_ID,
  DEMO_PASSWORD,
  DEMO_SECRET_VALUE,
  DEMO_SHARED_MAILBOXES,
  DEMO_USERS,
  ROPC_APP_ID,
} from './seed';

let tenant: DemoTenant;
let http: ReturnType<typeof rawHttps>;

beforeAll(async () => {
  tenant = await startDemoTenant({ propagationDelayMs: 0 });
  http = rawHttps(tenant.caPem);
});

afterAll(async () => {
  http.close();
  await tenant.close();
});

beforeEach(() => tenant.state.reset());

const sender = DEMO_USERS.erpService;
const message = (subject: string, from = sender): OutgoingMessage => ({
  from,
  to: DEMO_USERS.recipient,
  subject,
  body: 'Sent by the demo SMTP test.',
  mark: markFor(randomUUID(), from),
});

function smtpSender(auth: MailCredentials | undefined, secure = false): SmtpSender {
  return new SmtpSender({
    host: 'smtp.office365.com',
    port: 0,
    connectHost: tenant.smtp.host,
    connectPort: secure ? tenant.smtp.implicitTlsPort : tenant.smtp.starttlsPort,
    secure,
    servername: 'localhost',
    ca: [...tls.rootCertificates, tenant.caPem],
    timeoutMs: 5_000,
    auth,
  });
}

const password = (user = sender, secret = DEMO_PASSWORD): MailCredentials => ({
  kind: 'password',
  user,
  password: secret,
});

async function failureOf(promise: Promise<unknown>): Promise<RunFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RunFailure);
  return error as RunFailure;
}

const tokenUrl = () => `${tenant.authorityFor(tenant.seed.tenantId)}/oauth2/v2.0/token`;
const delegatedToken = () =>
  rawToken(http, tokenUrl(), {
    grant_type: 'password',
    client_id: ROPC_APP_ID,
    username: sender,
    password: DEMO_PASSWORD,
    scope: 'https://outlook.office365.com/SMTP.Send',
  });
const appToken = () =>
  rawToken(http, tokenUrl(), {
    grant_type: 'client_credentials',
    client_id: CLIENT_SECRET_APP_ID,
    client_secret: DEMO_SECRET_VALUE,
    scope: 'https://outlook.office365.com/.default',
  });

const inboxSubjects = (address: string) =>
  tenant.state
    .snapshot()
    .mailboxes.find((m) => m.address === address)!
    .folders.inbox.map((m) => m.subject);

describe('the demo SMTP submission server', () => {
  it('takes AUTH PLAIN after STARTTLS and delivers into the demo mailbox, with a Sent Items copy', async () => {
    const context = new RecordingStepContext();
    const report = await smtpSender(password()).send(message('STARTTLS and PLAIN'), context);
    expect(context.steps.map((s) => s.name)).toEqual([
      'smtp-connect',
      'smtp-tls',
      'smtp-auth',
      'smtp-send',
    ]);
    expect(report.lines.join('\n')).toMatch(/Microsoft ESMTP MAIL Service ready/);
    expect(inboxSubjects(DEMO_USERS.recipient)).toContain('STARTTLS and PLAIN');
    const sent = tenant.state.snapshot().mailboxes.find((m) => m.address === sender)!;
    expect(sent.folders.sentitems.map((m) => m.subject)).toContain('STARTTLS and PLAIN');
  });

  it('speaks TLS from the first byte on its implicit-TLS port', async () => {
    await smtpSender(password(), true).send(message('implicit TLS'), new RecordingStepContext());
    expect(inboxSubjects(DEMO_USERS.recipient)).toContain('implicit TLS');
  });

  it('answers a wrong password with Exchange Online’s 535 5.7.139', async () => {
    const failure = await failureOf(
      smtpSender(password(sender, 'wrong')).send(message('x'), new RecordingStepContext()),
    );
    expect(failure.facts).toMatchObject({
      step: 'smtp-auth',
      smtpCode: 535,
      smtpStatus: '5.7.139',
    });
    expect(diagnose(failure.facts)?.id).toBe('smtp-credentials-incorrect');
  });

  it('with SMTP AUTH off for the organisation or the mailbox, says which', async () => {
    tenant.state.updateOrganization({ smtpAuthEnabled: false });
    const tenantOff = await failureOf(
      smtpSender(password()).send(message('x'), new RecordingStepContext()),
    );
    expect(tenantOff.facts.message).toMatch(/SmtpClientAuthentication is disabled for the Tenant/);
    expect(diagnose(tenantOff.facts)?.id).toBe('smtp-auth-disabled');

    tenant.state.updateOrganization({ smtpAuthEnabled: true });
    tenant.state.updateMailbox(sender, { smtpAuthEnabled: false });
    const mailboxOff = await failureOf(
      smtpSender(password()).send(message('x'), new RecordingStepContext()),
    );
    expect(mailboxOff.facts.message).toMatch(/disabled for the Mailbox/);
  });

  it('with Basic auth off, refuses a password with 550 5.7.30 yet takes XOAUTH2', async () => {
    tenant.state.updateOrganization({ smtpBasicAuthEnabled: false });
    const basic = await failureOf(
      smtpSender(password()).send(message('x'), new RecordingStepContext()),
    );
    expect(basic.facts).toMatchObject({ smtpCode: 550, smtpStatus: '5.7.30' });
    expect(diagnose(basic.facts)?.id).toBe('smtp-basic-auth-not-supported');

    const accessToken = await delegatedToken();
    const xoauth2: MailCredentials = { kind: 'xoauth2', user: sender, accessToken };
    await smtpSender(xoauth2).send(message('delegated XOAUTH2'), new RecordingStepContext());
    expect(inboxSubjects(DEMO_USERS.recipient)).toContain('delegated XOAUTH2');
  });

  it('takes an app-only token with SMTP.SendAsApp for a mailbox, and refuses one without it', async () => {
    const accessToken = await appToken();
    const auth: MailCredentials = { kind: 'xoauth2', user: sender, accessToken };
    await smtpSender(auth).send(message('app-only XOAUTH2'), new RecordingStepContext());
    expect(inboxSubjects(DEMO_USERS.recipient)).toContain('app-only XOAUTH2');

    const app = tenant.state.snapshot().apps.find((a) => a.clientId === CLIENT_SECRET_APP_ID)!;
    tenant.state.updateApp(CLIENT_SECRET_APP_ID, {
      requiredResourceAccess: app.requiredResourceAccess.map((r) => ({
        ...r,
        resourceAccess: r.resourceAccess.filter((p) => p.id !== SMTP_SEND_AS_APP_ID),
      })),
    });
    const withoutRole = await appToken();
    const refused = await failureOf(
      smtpSender({ kind: 'xoauth2', user: sender, accessToken: withoutRole }).send(
        message('x'),
        new RecordingStepContext(),
      ),
    );
    expect(refused.facts).toMatchObject({ step: 'smtp-oauth', smtpCode: 535, smtpStatus: '5.7.3' });
  });

  it('refuses MAIL FROM a mailbox the user may not send as (5.7.60)', async () => {
    const failure = await failureOf(
      smtpSender(password()).send(
        message('x', DEMO_SHARED_MAILBOXES.invoices),
        new RecordingStepContext(),
      ),
    );
    expect(failure.facts).toMatchObject({ step: 'smtp-send', smtpStatus: '5.7.60' });
  });
});
