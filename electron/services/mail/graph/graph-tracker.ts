import { z } from 'zod';
import {
  BounceScan,
  fromExchange,
  type MessageTracker,
  type TrackedFolder,
} from '../message-tracker';
import type { NonDeliveryReport } from '../ndr';
import type { MessageMark } from '../port';
import { graphRequest, parseGraphBody, userPath, type GraphConnection } from './graph-http';

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
export class GraphMessageTracker implements MessageTracker {
  private readonly scan = new BounceScan(fromExchange);

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

  async find(
    mailbox: string,
    folder: TrackedFolder,
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
    const candidates = newest.map((m) => ({
      id: m.id,
      receivedAt: new Date(m.receivedDateTime),
      from: m.from?.emailAddress.address ?? '',
    }));
    return this.scan.first(candidates, mark, since, async (id) => {
      const path = `${userPath(mailbox)}/messages/${encodeURIComponent(id)}/$value`;
      const request = { method: 'GET', path } as const;
      return (await graphRequest(this.connection, 'delivery', request, 200, signal)).text;
    });
  }

  /** Each read is a request of its own: nothing to close. */
  close(): Promise<void> {
    return Promise.resolve();
  }
}
