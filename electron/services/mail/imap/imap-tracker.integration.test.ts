import { randomUUID } from 'node:crypto';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostfix, type Postfix } from '../../../../test-support/servers/postfix';
import { RecordingStepContext } from '../../../../test-support/services/recording-step-context';
import { bounceFacts } from '../ndr';
import { markFor, type MessageMark, type OutgoingMessage } from '../port';
import { SmtpSender } from '../smtp/smtp-sender';
import { ImapMessageTracker } from './imap-tracker';

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

/** One watch's tracker, as the Test opens one per message it follows. */
function watch(): ImapMessageTracker {
  const tracker = new ImapMessageTracker({
    host: postfix.host,
    port: postfix.imapPort ?? 0,
    tls: { minVersion: 'TLSv1.2', ca: [...tls.rootCertificates, postfix.caPem] },
    credentials: { kind: 'password', user: postfix.user, password: postfix.password },
    route: { network: 'direct' },
  });
  trackers.push(tracker);
  return tracker;
}

/** The SMTP account sends a marked test message, as the Test does. */
async function send(to: string): Promise<{ mark: MessageMark; sentAt: Date }> {
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
  return { mark, sentAt };
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
