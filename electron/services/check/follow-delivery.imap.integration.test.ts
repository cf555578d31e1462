import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostfix, type Postfix } from '../../../test-support/servers/postfix';
import { RecordingStepContext } from '../../../test-support/services/recording-step-context';
import { bounceFacts } from '../mail/ndr';
import { markFor, type MessageMark, type OutgoingMessage } from '../mail/port';
import { SmtpSender } from '../mail/smtp/smtp-sender';
import { ImapMessageTracker, type ImapFollowEndpoint } from '../mail/imap/imap-tracker';
import type { DeliveryProgress, RunProgress } from '../../../shared/contract/runs';
import type { TestLogEntry } from '../../../shared/contract/test-log';
import { openTestLog } from '../logs/test-log';
import {
  defaultSystemSettings,
  toSystemSettingsForm,
  type SystemSettings,
} from '../../../shared/settings/system-settings';
import { fastRetry } from '../../../test-support/services/check-harness';
import { createMemorySecretVault } from '../../../test-support/services/memory-secret-vault';
import { systemClock } from '../runs/run-clock';
import { openRun } from '../runs/run';
import { followDelivery } from './follow-delivery';

let postfix: Postfix;
const trackers: ImapMessageTracker[] = [];
const signal = new AbortController().signal;

beforeAll(async () => {
  postfix = await startPostfix({ imap: true });
});

afterAll(async () => {
  await Promise.all(trackers.map((t) => t.close()));
  await postfix?.stop();
});

const endpoint = (): ImapFollowEndpoint => ({
  host: postfix.host,
  port: postfix.imapPort ?? 0,
  tls: { minVersion: 'TLSv1.2', ca: [...tls.rootCertificates, postfix.caPem] },
  credentials: { kind: 'password', user: postfix.user, password: postfix.password },
  route: { network: 'direct' },
});

/** One watch's tracker, as the Test opens one per message it follows. */
function watch(): ImapMessageTracker {
  const tracker = new ImapMessageTracker(endpoint());
  trackers.push(tracker);
  return tracker;
}

/** The SMTP account sends a marked test message, as the Test does. */
async function send(
  to: string,
): Promise<{ mark: MessageMark; sentAt: Date; message: OutgoingMessage }> {
  const mark = markFor(randomUUID(), postfix.user);
  const message: OutgoingMessage = {
    from: postfix.user,
    to,
    subject: 'ERP Mail Settings: test message',
    body: 'Sent by the IMAP tracker test.',
    mark,
  };
  const sentAt = new Date();
  await new SmtpSender({
    host: postfix.host,
    port: postfix.submissionPort,
    secure: false,
    servername: postfix.host,
    ca: [...tls.rootCertificates, postfix.caPem],
    timeoutMs: 5_000,
    auth: { kind: 'password', user: postfix.user, password: postfix.password },
  }).send(message, new RecordingStepContext());
  return { mark, sentAt, message };
}

/** Reads until `read` answers something, as the watch polls. */
async function until<T>(read: () => Promise<T | undefined>, withinMs = 10_000): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const found = await read();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('not found in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('following an SMTP test message over the real dovecot IMAP (postfix delivers)', () => {
  it('finds the message in the account’s own INBOX by its Message-ID, and no other', async () => {
    const tracker = watch();
    const first = await send(postfix.user);
    const second = await send(postfix.user);
    const at = await until(() => tracker.find('', 'inbox', first.mark.messageId, signal));
    expect(Math.abs(at.getTime() - first.sentAt.getTime())).toBeLessThan(5_000);
    await until(() => tracker.find('', 'inbox', second.mark.messageId, signal));
    const unsent = markFor(randomUUID(), postfix.user).messageId;
    expect(await tracker.find('', 'inbox', unsent, signal)).toBeUndefined();
    // SMTP keeps no copy in a Sent folder: nothing is looked for there.
    expect(await tracker.find('', 'sentitems', first.mark.messageId, signal)).toBeUndefined();
  });

  it('reads postfix’s DSN about the message (5.7.1), and not another message’s', async () => {
    const other = await send('carol@elsewhere.example');
    const { mark, sentAt } = await send('bob@elsewhere.example');
    const tracker = watch();
    const report = await until(() => tracker.bounce('', mark, sentAt, signal));
    expect(report.originalMessageId).toBe(mark.messageId);
    expect(bounceFacts(report)?.dsn).toMatchObject({
      status: '5.7.1',
      action: 'failed',
      recipient: 'bob@elsewhere.example',
    });
    const otherWatch = watch();
    const otherReport = await until(() => otherWatch.bounce('', other.mark, other.sentAt, signal));
    expect(otherReport.originalMessageId).toBe(other.mark.messageId);
  });
});

/** The Test's follow after `OK!` of an SMTP send to this server, as a run of its own. */
async function follow(to: string): Promise<{ end: DeliveryProgress; logged: TestLogEntry[] }> {
  const { message, sentAt } = await send(to);
  const events: RunProgress[] = [];
  const testLog = openTestLog(fs.mkdtempSync(path.join(os.tmpdir(), 'follow-log-')));
  const entry = await testLog.append({
    time: sentAt.toISOString(),
    environment: 'microsoft365',
    procedure: 'system-settings',
    ok: true,
    outcome: 'ok',
    steps: [],
    durationMs: 100,
    summary: 'OK!',
  });
  const run = openRun({
    id: message.mark.runId,
    signal,
    clock: systemClock,
    policy: fastRetry,
    vault: createMemorySecretVault(),
    testLog,
    environment: { current: () => 'microsoft365' },
    emit: (event) => events.push(event),
    tokens: { acquire: () => Promise.reject(new Error('SMTP follows without a token')) },
  });
  const settings: SystemSettings = {
    ...defaultSystemSettings,
    emailMethod: 'smtp',
    serverAddress: postfix.host,
    port: postfix.submissionPort,
    smtpUserName: postfix.user,
  };
  const input = {
    runId: message.mark.runId,
    form: toSystemSettingsForm(settings),
    secrets: {},
    dialog: {
      emailMethod: 'smtp' as const,
      recipient: to,
      sender: postfix.user,
      userName: postfix.user,
    },
  };
  await followDelivery(
    {
      input,
      settings,
      secret: postfix.password,
      message,
      sentAt,
      logEntryId: entry.id,
      sent: {
        report: { lines: [] },
        route: { environment: 'microsoft365' },
        follow: { kind: 'imap', endpoint: () => Promise.resolve(endpoint()) },
      },
    },
    run,
    { windowMs: 3_000, pollMs: 200 },
  );
  const last = events.filter((e) => e.kind === 'delivery').at(-1);
  if (last?.kind !== 'delivery') throw new Error('no delivery lines');
  return { end: last, logged: await testLog.list('all') };
}

describe('the Test’s following of an SMTP send, over the account’s IMAP', () => {
  it('to the account itself: Delivered with seconds, then No bounce within the window', async () => {
    const { end, logged } = await follow(postfix.user);
    expect(end.lines).toEqual([
      expect.stringMatching(/^Delivered to the recipient’s Inbox after \d+ s$/),
      'No bounce within 3 s',
    ]);
    // The run's one entry, updated with the lines: not a second entry.
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ ok: true, summary: 'OK!', delivery: end.lines });
  });

  it('to an address the server bounces: the DSN turns into Failed: Delivery with 5.7.1', async () => {
    const { end, logged } = await follow('dave@elsewhere.example');
    expect(end.lines[0]).toBe(
      'Delivery to the recipient not followed: the SMTP account reads only its own mailbox over IMAP.',
    );
    expect(end.bounce?.lines[0]).toBe('Failed: Delivery (5.7.1 for dave@elsewhere.example)');
    expect(end.bounce?.lines).toContain('Code: DSN 5.7.1 (failed)');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      ok: false,
      outcome: 'failed',
      code: 'DSN 5.7.1 (failed)',
      summary: 'Failed: Delivery (5.7.1 for dave@elsewhere.example): DSN 5.7.1 (failed)',
    });
  });
});
