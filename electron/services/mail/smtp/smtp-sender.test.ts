import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../../../shared/diagnosis/diagnose';
import type { CheckStep } from '../../../../shared/diagnosis/failure';
import { freePort } from '../../../../test-support/servers/local-process';
import { startPostfix, type Postfix } from '../../../../test-support/servers/postfix';
import { startSilentListener } from '../../../../test-support/servers/silent-listener';
import { RecordingStepContext } from '../../../../test-support/services/recording-step-context';
import { CancelledError } from '../../base/abortable';
import { RunFailure } from '../failure';
import { randomUUID } from 'node:crypto';
import { markFor, type OutgoingMessage } from '../port';
import { SmtpSender, type SmtpSenderConfig } from './smtp-sender';
import { defaultSmtpPort } from '../../network/route';

let postfix: Postfix;

beforeAll(async () => {
  postfix = await startPostfix();
});

afterAll(async () => {
  await postfix?.stop();
});

const message = (subject: string): OutgoingMessage => ({
  from: postfix.user,
  to: `bob@${postfix.domain}`,
  subject,
  body: 'Sent by the SMTP sender test.',
  mark: markFor(randomUUID(), postfix.user),
});

const config = (overrides: Partial<SmtpSenderConfig> = {}): SmtpSenderConfig => ({
  host: postfix.host,
  port: postfix.submissionPort,
  secure: false,
  servername: postfix.host,
  ca: [...tls.rootCertificates, postfix.caPem],
  timeoutMs: 5_000,
  auth: { kind: 'password', user: postfix.user, password: postfix.password },
  ...overrides,
});

async function failureOf(promise: Promise<unknown>): Promise<RunFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RunFailure);
  return error as RunFailure;
}

/** Nothing more arrives in the maildir within a moment after the run ended. */
async function expectNothingDelivered(before: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(postfix.delivered()).toHaveLength(before);
}

describe('SmtpSender against postfix', () => {
  it('sends over STARTTLS after AUTH, step by step, and reports what the server said', async () => {
    const context = new RecordingStepContext();
    const before = postfix.delivered().length;
    const report = await new SmtpSender(config()).send(message('STARTTLS test'), context);

    expect(context.steps).toEqual(
      ['smtp-connect', 'smtp-tls', 'smtp-auth', 'smtp-send'].map((name) => ({
        name,
        outcome: 'done',
        ms: expect.any(Number),
      })),
    );
    expect(context.concealed).toEqual([postfix.password]);
    const text = report.lines.join('\n');
    expect(text).toMatch(/^Banner: 220 mail\.example\.test ESMTP/m);
    expect(text).toMatch(/^TLS: TLSv1\.[23], certificate CN=127\.0\.0\.1 issued by CN=ERP Mail/m);
    expect(text).toMatch(/^AUTH mechanisms offered: PLAIN LOGIN$/m);
    expect(text).toMatch(/^Connect \(SMTP\): greeting 220, EHLO 250$/m);
    expect(text).toMatch(/STARTTLS 220 2\.0\.0, EHLO 250/);
    expect(text).toMatch(/AUTH PLAIN 235 2\.7\.0/);
    expect(text).toMatch(
      /MAIL FROM 250 2\.1\.0, RCPT TO 250 2\.1\.5, DATA 354, message 250 2\.0\.0/,
    );
    expect(text).not.toContain(postfix.password);

    const delivered = await postfix.waitForDelivery(before + 1);
    expect(delivered.at(-1)).toContain('Subject: STARTTLS test');
  });

  it('authenticates up to AUTH and QUIT without MAIL FROM or DATA: postfix delivers nothing', async () => {
    const context = new RecordingStepContext();
    const before = postfix.delivered().length;
    const report = await new SmtpSender(config()).authenticate(context);

    expect(context.stepNames()).toEqual(['smtp-connect', 'smtp-tls', 'smtp-auth']);
    const text = report.lines.join('\n');
    expect(text).toMatch(/AUTH PLAIN 235 2\.7\.0/);
    expect(text).not.toMatch(/MAIL FROM|DATA/);
    await expectNothingDelivered(before);
  });

  it('sends over implicit TLS', async () => {
    const context = new RecordingStepContext();
    const before = postfix.delivered().length;
    const report = await new SmtpSender(
      config({ port: postfix.implicitTlsPort, secure: true }),
    ).send(message('Implicit TLS test'), context);
    expect(context.stepNames()).toEqual(['smtp-connect', 'smtp-tls', 'smtp-auth', 'smtp-send']);
    expect(report.lines.join('\n')).toMatch(/\(implicit TLS\)[\s\S]*TLS: TLSv1\.[23]/);
    const delivered = await postfix.waitForDelivery(before + 1);
    expect(delivered.at(-1)).toContain('Subject: Implicit TLS test');
  });

  it('reports a wrong password as the server’s 535 in the AUTH step, and sends nothing', async () => {
    const before = postfix.delivered().length;
    const failure = await failureOf(
      new SmtpSender(
        config({ auth: { kind: 'password', user: postfix.user, password: 'wrong' } }),
      ).send(message('Never sent'), new RecordingStepContext()),
    );
    expect(failure.facts).toMatchObject({
      step: 'smtp-auth',
      host: `${postfix.host}:${postfix.submissionPort}`,
      smtpCode: 535,
      smtpStatus: '5.7.8',
    });
    expect(failure.facts.message).toMatch(/^535 5\.7\.8 Error: authentication failed/);
    expect(diagnose(failure.facts)?.id).toBe('smtp-wrong-password');
    await expectNothingDelivered(before);
  });

  it('refuses a certificate that does not carry the server’s name, naming TLS and the host', async () => {
    const failure = await failureOf(
      new SmtpSender(
        config({
          host: 'mail.example.test',
          servername: 'mail.example.test',
          connectHost: postfix.host,
        }),
      ).send(message('Never sent'), new RecordingStepContext()),
    );
    expect(failure.facts).toMatchObject({
      step: 'smtp-tls',
      network: 'tls',
      host: `mail.example.test:${postfix.submissionPort}`,
    });
    expect(failure.facts.message).toMatch(
      /^TLS with mail\.example\.test:\d+ failed: .*mail\.example\.test/,
    );
  });

  it('names the host and port that refused the connection', async () => {
    const port = await freePort();
    const failure = await failureOf(
      new SmtpSender(config({ port })).send(message('Never sent'), new RecordingStepContext()),
    );
    expect(failure.facts).toMatchObject({
      step: 'smtp-connect',
      network: 'refused',
      host: `127.0.0.1:${port}`,
    });
    expect(diagnose(failure.facts)?.id).toBe('smtp-connection-refused');
  });

  it('gives up on a server that accepts and never answers, naming host and port', async () => {
    const silent = await startSilentListener();
    try {
      const started = Date.now();
      const failure = await failureOf(
        new SmtpSender(config({ port: silent.port, timeoutMs: 500 })).send(
          message('Never sent'),
          new RecordingStepContext(),
        ),
      );
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(failure.facts).toMatchObject({ step: 'smtp-connect', network: 'timeout' });
      expect(failure.facts.message).toBe(
        `No answer from 127.0.0.1:${silent.port} within 0.5 s (the greeting).`,
      );
    } finally {
      await silent.close();
    }
  });

  it.each<CheckStep>(['smtp-connect', 'smtp-tls', 'smtp-auth', 'smtp-send'])(
    'stops within a second when cancelled during %s, and sends nothing further',
    async (step) => {
      const before = postfix.delivered().length;
      const context = new RecordingStepContext({ step });
      const error = await new SmtpSender(config())
        .send(message(`Cancelled in ${step}`), context)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CancelledError);
      expect(Date.now() - context.abortedAt!).toBeLessThan(1_000);
      expect(context.steps.at(-1)).toMatchObject({ name: step, outcome: 'failed' });
      await expectNothingDelivered(before);
    },
  );

  it('stops within a second when cancelled while a silent server keeps it waiting', async () => {
    const silent = await startSilentListener();
    try {
      const context = new RecordingStepContext({ step: 'smtp-connect', afterMs: 200 });
      const error = await new SmtpSender(config({ port: silent.port, timeoutMs: 30_000 }))
        .send(message('Never sent'), context)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CancelledError);
      expect(Date.now() - context.abortedAt!).toBeLessThan(1_000);
    } finally {
      await silent.close();
    }
  });
});

describe('defaultSmtpPort', () => {
  it('uses 465 with implicit TLS and 587 otherwise when the port is 0', () => {
    expect(defaultSmtpPort(0, true)).toBe(465);
    expect(defaultSmtpPort(0, false)).toBe(587);
    expect(defaultSmtpPort(2525, true)).toBe(2525);
  });
});
