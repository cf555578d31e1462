import { z } from 'zod';
import { isAbout, readNonDeliveryReport, type NonDeliveryReport } from '../ndr';
import type { MessageMark } from '../port';
import { graphRequest, parseGraphBody, userPath, type GraphConnection } from './graph-http';

/** The Microsoft Exchange recipient Exchange Online's NDRs come from (FLOWS.md §11). */
const NDR_SENDER = /^microsoftexchange329e71ec88ae4615bbc36ab6ce41109e@/i;

const found = z.object({
  value: z.array(
    z.object({
      id: z.string(),
      receivedDateTime: z.string(),
      from: z.object({ emailAddress: z.object({ address: z.string() }) }).nullish(),
    }),
  ),
});

/** OData's string literal doubles a quote inside it. */
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * Follows a test message through Microsoft Graph (FLOWS.md §11): found again by its Internet
 * Message-ID in a folder (Mail.ReadBasic is enough), and an NDR about it in the sender's Inbox,
 * read as MIME (`$value`, which needs Mail.Read).
 */
export class GraphMessageTracker {
  /** NDR candidates already read, so a watch reads each message once. */
  private readonly seen = new Set<string>();

  constructor(private readonly connection: GraphConnection) {}

  private async list(
    mailbox: string,
    folder: string,
    query: Record<string, string>,
    signal: AbortSignal,
  ) {
    const path = `${userPath(mailbox)}/mailFolders/${folder}/messages?${new URLSearchParams(query).toString()}`;
    const answer = await graphRequest(
      this.connection,
      'delivery',
      { method: 'GET', path },
      200,
      signal,
    );
    return parseGraphBody(found, answer, 'delivery', this.connection.route).value;
  }

  /** When the message with this Message-ID arrived in the folder, if it is there. */
  async find(
    mailbox: string,
    folder: 'inbox' | 'sentitems',
    messageId: string,
    signal: AbortSignal,
  ): Promise<Date | undefined> {
    const [message] = await this.list(
      mailbox,
      folder,
      { $filter: `internetMessageId eq ${literal(messageId)}`, $select: 'id,receivedDateTime' },
      signal,
    );
    return message ? new Date(message.receivedDateTime) : undefined;
  }

  /** An NDR about the marked message among the Inbox's newest, received since the send. */
  async bounce(
    mailbox: string,
    mark: MessageMark,
    since: Date,
    signal: AbortSignal,
  ): Promise<NonDeliveryReport | undefined> {
    const newest = await this.list(
      mailbox,
      'inbox',
      { $top: '10', $select: 'id,receivedDateTime,from', $orderby: 'receivedDateTime desc' },
      signal,
    );
    for (const message of newest) {
      const from = message.from?.emailAddress.address ?? '';
      const fresh = new Date(message.receivedDateTime).getTime() >= since.getTime() - 1000;
      if (!fresh || !NDR_SENDER.test(from) || this.seen.has(message.id)) continue;
      this.seen.add(message.id);
      const path = `${userPath(mailbox)}/messages/${encodeURIComponent(message.id)}/$value`;
      const answer = await graphRequest(
        this.connection,
        'delivery',
        { method: 'GET', path },
        200,
        signal,
      );
      const report = await readNonDeliveryReport(answer.text);
      if (report && isAbout(report, mark)) return report;
    }
    return undefined;
  }
}
