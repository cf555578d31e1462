import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { abortable } from '../../base/abortable';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../../network/timeouts';
import type { ImapRoute } from '../../network/route';
import { RunFailure } from '../failure';
import { BounceScan, type MessageTracker, type TrackedFolder } from '../message-tracker';
import type { NonDeliveryReport } from '../ndr';
import type { MailCredentials, MessageMark } from '../port';
import { imapFailureFacts, imapFlowOptions } from './imap-client';

/** Where an SMTP account's own mailbox is read: its server's IMAP, implicit TLS, its login. */
export interface ImapFollowEndpoint {
  host: string;
  /** 0 means the service default, 993. */
  port: number;
  /** The trust and TLS floor the SMTP send used; imapflow checks the certificate's name. */
  tls: ImapFlowOptions['tls'];
  credentials: MailCredentials;
  route: ImapRoute;
}

/** How many of INBOX's newest messages a bounce read looks through. */
const NEWEST = 10;

/**
 * Follows a test message over IMAP in the SMTP account's own mailbox (FLOWS.md §11): INBOX
 * searched by the Message-ID header, and a DSN about it among INBOX's newest. A server other than
 * Exchange sends its DSNs from its own postmaster, so any sender may carry one; only a DSN whose
 * returned headers name the message counts. SMTP keeps no copy in a Sent folder.
 */
export class ImapMessageTracker implements MessageTracker {
  private readonly scan = new BounceScan(() => true);
  private client: ImapFlow | undefined;
  private connecting: Promise<ImapFlow> | undefined;

  constructor(private readonly endpoint: ImapFollowEndpoint) {}

  /** One connection for the whole watch, made once even when reads start together. */
  private connect(): Promise<ImapFlow> {
    this.connecting ??= (async () => {
      const client = new ImapFlow(
        imapFlowOptions(this.endpoint, this.endpoint.tls, DEFAULT_REQUEST_TIMEOUT_MS),
      );
      client.on('error', () => undefined);
      this.client = client;
      await client.connect();
      return client;
    })();
    return this.connecting;
  }

  /** INBOX selected afresh for each read, to see the mail that came since. */
  private async inbox(signal: AbortSignal): Promise<ImapFlow> {
    const { host, port, credentials, route } = this.endpoint;
    try {
      const client = await abortable(this.connect(), signal);
      await abortable(client.mailboxOpen('INBOX', { readOnly: true }), signal);
      return client;
    } catch (error) {
      await this.close();
      if (signal.aborted) throw error;
      throw new RunFailure(imapFailureFacts(error, { host, port, credentials, route }, false));
    }
  }

  async find(
    _mailbox: string,
    folder: TrackedFolder,
    messageId: string,
    signal: AbortSignal,
  ): Promise<Date | undefined> {
    if (folder !== 'inbox') return undefined;
    const client = await this.inbox(signal);
    const uids = await abortable(
      client.search({ header: { 'message-id': messageId } }, { uid: true }),
      signal,
    );
    for (const uid of uids || []) {
      const found = await client.fetchOne(
        String(uid),
        { internalDate: true, envelope: true },
        {
          uid: true,
        },
      );
      // SEARCH HEADER matches a substring: only the exact Message-ID is this run's message.
      if (found && found.envelope?.messageId === messageId && found.internalDate)
        return new Date(found.internalDate);
    }
    return undefined;
  }

  async bounce(
    _mailbox: string,
    mark: MessageMark,
    since: Date,
    signal: AbortSignal,
  ): Promise<NonDeliveryReport | undefined> {
    const client = await this.inbox(signal);
    // SEARCH SINCE takes a day, not a time: the freshness of each is checked below.
    const uids = await abortable(client.search({ since }, { uid: true }), signal);
    const latest = (uids || []).slice(-NEWEST);
    if (latest.length === 0) return undefined;
    const newest = await abortable(
      client.fetchAll(
        latest.join(','),
        { uid: true, internalDate: true, envelope: true },
        {
          uid: true,
        },
      ),
      signal,
    );
    const candidates = newest.map((m) => ({
      id: String(m.uid),
      receivedAt: new Date(m.internalDate ?? 0),
      from: m.envelope?.from?.[0]?.address ?? '',
    }));
    return this.scan.first(candidates.reverse(), mark, since, async (uid) => {
      const found = await abortable(client.fetchOne(uid, { source: true }, { uid: true }), signal);
      return found && found.source ? found.source.toString('utf8') : '';
    });
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.connecting = undefined;
    if (!client) return;
    await client.logout().catch(() => client.close());
  }
}
