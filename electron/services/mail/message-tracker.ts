import { isAbout, readNonDeliveryReport, type NonDeliveryReport } from './ndr';
import type { MessageMark } from './port';

export type TrackedFolder = 'inbox' | 'sentitems';

/**
 * Finds a marked test message again and an NDR about it (FLOWS.md §11), in one protocol: Graph,
 * EWS, or IMAP for an SMTP account. `close` ends a connection the tracker keeps open.
 */
export interface MessageTracker {
  /** When the message with this Message-ID arrived in the folder, if it is there. */
  find(
    mailbox: string,
    folder: TrackedFolder,
    messageId: string,
    signal: AbortSignal,
  ): Promise<Date | undefined>;
  /** An NDR about the marked message among the Inbox's newest, received since the send. */
  bounce(
    mailbox: string,
    mark: MessageMark,
    since: Date,
    signal: AbortSignal,
  ): Promise<NonDeliveryReport | undefined>;
  close(): Promise<void>;
}

/** A message of a listing, before its MIME is read. */
export interface BounceCandidate {
  id: string;
  receivedAt: Date;
  from: string;
}

/** The Microsoft Exchange recipient Exchange Online's NDRs come from (FLOWS.md §11). */
export const fromExchange = (from: string): boolean =>
  /^microsoftexchange329e71ec88ae4615bbc36ab6ce41109e@/i.test(from);

/**
 * Reads the MIME of each fresh candidate from an NDR sender once per watch, and answers the first
 * NDR whose returned headers name the marked message exactly (never another message's bounce).
 */
export class BounceScan {
  private readonly seen = new Set<string>();

  constructor(private readonly fromNdrSender: (from: string) => boolean) {}

  async first(
    candidates: readonly BounceCandidate[],
    mark: MessageMark,
    since: Date,
    mimeOf: (id: string) => Promise<string>,
  ): Promise<NonDeliveryReport | undefined> {
    for (const candidate of candidates) {
      const fresh = candidate.receivedAt.getTime() >= since.getTime() - 1000;
      if (!fresh || !this.fromNdrSender(candidate.from) || this.seen.has(candidate.id)) continue;
      this.seen.add(candidate.id);
      const report = await readNonDeliveryReport(await mimeOf(candidate.id));
      if (report && isAbout(report, mark)) return report;
    }
    return undefined;
  }
}
