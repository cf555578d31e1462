import type { CheckRunInput } from '../../../shared/contract/check';
import type { DeliveryProgress } from '../../../shared/contract/runs';
import { describeFailure, diagnose, rawCode } from '../../../shared/diagnosis/diagnose';
import { isCancellation, sleep } from '../base/abortable';
import { RunFailure } from '../mail/failure';
import { bounceFacts } from '../mail/ndr';
import type { OutgoingMessage } from '../mail/port';
import type { SystemSettings } from '../../../shared/settings/system-settings';
import type { TestLogChange } from '../../../shared/contract/test-log';
import type { Run } from '../runs/run';
import { reachFor, type DeliveryReach } from './delivery-reach';
import type { Sent } from './send-plans';
import { isoSeconds } from './test-message';

/** How long the sender's Inbox is watched for a bounce, and how often it is read. */
export interface FollowOptions {
  windowMs: number;
  pollMs: number;
}

/** 60 s (FLOWS.md §11), or ERP_MAIL_BOUNCE_WATCH_SECONDS where a test shortens the window. */
export function followOptionsFrom(env: NodeJS.ProcessEnv): FollowOptions {
  const seconds = Number(env.ERP_MAIL_BOUNCE_WATCH_SECONDS);
  const windowMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 60_000;
  return { windowMs, pollMs: Math.min(2_000, windowMs / 4) };
}

/** What the Test hands on after `OK!`: the message, how it went, and the secret to read with. */
export interface FollowRequest {
  input: CheckRunInput;
  settings: SystemSettings;
  secret: string | undefined;
  message: OutgoingMessage;
  sent: Sent;
  sentAt: Date;
  /** The run's Test log entry, which the delivery lines (and a bounce's failure) update. */
  logEntryId: string;
}

type Emit = (event: Omit<DeliveryProgress, 'runId' | 'kind'>) => void;

/** A read the credentials may not make: one line, and which permission would allow it. */
function cannotRead(error: unknown, what: string, permission: string): string {
  const code = error instanceof RunFailure ? rawCode(error.facts) : 'failed';
  return `${what} not followed (${code}); ${permission} would allow it.`;
}

/** Codes that say the mailbox does not exist here: an outside recipient, or a wrong address. */
const NO_MAILBOX = new Set(['ErrorNonExistentMailbox', 'ErrorInvalidUser', 'MailboxNotFound']);

const noSuchMailbox = (error: unknown): boolean =>
  error instanceof RunFailure &&
  (NO_MAILBOX.has(error.facts.ewsCode ?? '') || NO_MAILBOX.has(error.facts.graphCode ?? ''));

/**
 * FLOWS.md §11, after `OK!`: Saved in Sent Items, Delivered to the recipient's Inbox (where the
 * credentials can read it), then the sender's Inbox watched for an NDR until the window ends.
 * Every read failure is a line, never a failure: sending is what the ERP needs.
 */
export async function followDelivery(
  request: FollowRequest,
  run: Run,
  options: FollowOptions,
): Promise<void> {
  const lines: string[] = [];
  let bounce: DeliveryProgress['bounce'];
  const emit: Emit = (event) => {
    bounce ??= event.bounce;
    run.progress({ kind: 'delivery', ...event, lines: lines.map(run.redact) });
  };
  let reach: DeliveryReach | string | undefined;
  try {
    reach = await reachFor(request, run);
    if (typeof reach === 'string') {
      lines.push(reach);
      return emit({ lines, following: false });
    }
    lines.push(...reach.notes);
    await watch(new DeliveryWatch(request, run, reach, lines), run, options, emit);
  } catch (error) {
    lines.push(
      isCancellation(error, run.signal)
        ? 'Following stopped (cancelled).'
        : cannotRead(error, 'Delivery', permissionOrRead(reach)),
    );
    emit({ lines, following: false });
  } finally {
    if (typeof reach === 'object') await reach.tracker.close();
  }
  await run.amendLog(request.logEntryId, logChange(lines, bounce));
}

/** The Test log entry's update: the delivery lines, and a bounce's failure in place of OK!. */
function logChange(lines: string[], bounce: DeliveryProgress['bounce']): TestLogChange {
  if (!bounce) return { delivery: lines };
  const code = bounce.lines.find((l) => l.startsWith('Code: '))?.slice('Code: '.length);
  return {
    delivery: [...lines, ...bounce.lines],
    ok: false,
    outcome: 'failed',
    code,
    diagnosisId: bounce.diagnosisId,
    summary: code ? `${bounce.lines[0] ?? ''}: ${code}` : (bounce.lines[0] ?? 'Failed: Delivery'),
  };
}

const permissionOrRead = (reach: DeliveryReach | string | undefined) =>
  typeof reach === 'object' ? reach.permission : 'read access to the mailbox';

/** One watch's reads: each found once, a read the credentials may not make said once. */
class DeliveryWatch {
  saved: boolean;
  delivered: boolean;
  bounceReadable: boolean;

  constructor(
    private readonly request: FollowRequest,
    private readonly run: Run,
    private readonly reach: DeliveryReach,
    readonly lines: string[],
  ) {
    this.saved = !reach.sentItems;
    this.delivered = !reach.recipient;
    this.bounceReadable = reach.bounces;
  }

  private passOn(error: unknown, what: string, sink: string[], permission = this.reach.permission) {
    if (isCancellation(error, this.run.signal)) throw error;
    sink.push(cannotRead(error, what, permission));
  }

  /** Each read writes its lines to `sink`. */
  async readSent(sink: string[]): Promise<void> {
    const { message } = this.request;
    const at = await this.reach.tracker.find(
      message.from,
      'sentitems',
      message.mark.messageId,
      this.run.signal,
    );
    if (!at) return;
    this.saved = true;
    sink.push(`Saved in Sent Items: ${isoSeconds(at)}`);
  }

  async readDelivered(sink: string[]): Promise<void> {
    const { message, sentAt } = this.request;
    try {
      const at = await this.reach.tracker.find(
        message.to,
        'inbox',
        message.mark.messageId,
        this.run.signal,
      );
      if (!at) return;
      const seconds = Math.max(0, (at.getTime() - sentAt.getTime()) / 1000);
      sink.push(`Delivered to the recipient’s Inbox after ${seconds.toFixed(0)} s`);
    } catch (error) {
      if (noSuchMailbox(error) && !isCancellation(error, this.run.signal))
        sink.push(
          `Delivery to the recipient’s Inbox not followed: ${this.request.message.to} has no mailbox in this organisation (${rawCode((error as RunFailure).facts)}); a bounce would say why.`,
        );
      else this.passOn(error, 'Delivery to the recipient’s Inbox', sink);
    }
    this.delivered = true;
  }

  /** The bounce's Result lines, when an NDR about the message has arrived. */
  async readBounce(sink: string[]): Promise<{ lines: string[]; diagnosisId?: string } | undefined> {
    const { message, sentAt, settings } = this.request;
    try {
      const report = await this.reach.tracker.bounce(
        message.from,
        message.mark,
        sentAt,
        this.run.signal,
      );
      const facts = report && bounceFacts(report);
      if (!facts) return undefined;
      const lines = describeFailure(this.run.redactFacts(facts), settings.authFlow);
      return { lines: lines.map(this.run.redact), diagnosisId: diagnose(facts)?.id };
    } catch (error) {
      this.bounceReadable = false;
      this.passOn(error, 'A bounce (NDR)', sink, this.reach.bouncePermission);
      return undefined;
    }
  }
}

async function watch(
  reads: DeliveryWatch,
  run: Run,
  options: FollowOptions,
  emit: Emit,
): Promise<void> {
  const deadline = run.clock.now() + options.windowMs;
  for (let first = true; ; first = false) {
    // One read after another on the kept-alive connection, the recipient's Inbox first and shown
    // at once: Delivered comes one round trip after the send. An NDR takes seconds to come, so
    // the bounce watch starts with the second round.
    if (!reads.delivered) {
      await reads.readDelivered(reads.lines);
      if (reads.delivered) emit({ lines: reads.lines, following: true });
    }
    if (!reads.saved) await reads.readSent(reads.lines);
    const bounce = reads.bounceReadable && !first ? await reads.readBounce(reads.lines) : undefined;
    if (bounce) return emit({ lines: reads.lines, following: false, bounce });
    const left = deadline - run.clock.now();
    if (left <= 0 || (!reads.bounceReadable && reads.saved && reads.delivered)) break;
    emit({ lines: reads.lines, following: true, secondsLeft: Math.ceil(left / 1000) });
    await sleep(Math.min(options.pollMs, left), run.signal);
  }
  if (reads.bounceReadable)
    reads.lines.push(`No bounce within ${Math.round(options.windowMs / 1000)} s`);
  emit({ lines: reads.lines, following: false });
}
