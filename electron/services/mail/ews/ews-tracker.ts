import * as ews from 'ews-javascript-api';
import {
  BounceScan,
  fromExchange,
  type MessageTracker,
  type TrackedFolder,
} from '../message-tracker';
import type { NonDeliveryReport } from '../ndr';
import type { MessageMark } from '../port';
import { withService, xmlText, type EwsConnection } from './ews-client';

/** How many of a folder's newest items a read looks through (a test message is among them). */
const NEWEST = 20;

interface Listed {
  id: string;
  receivedAt: Date;
  from: string;
  messageId: string;
}

const folderName = (folder: TrackedFolder) =>
  folder === 'inbox' ? ews.WellKnownFolderName.Inbox : ews.WellKnownFolderName.SentItems;

/**
 * Follows a test message through EWS (FLOWS.md §11): FindItem over a folder's newest items for its
 * Internet Message-ID, and GetItem's MimeContent of an NDR in the sender's Inbox. An app-only
 * token (full_access_as_app) impersonates each mailbox it reads; Basic or a delegated token reads
 * the signed-in user's own.
 */
export class EwsMessageTracker implements MessageTracker {
  private readonly scan = new BounceScan(fromExchange);

  constructor(
    private readonly connection: EwsConnection,
    private readonly appOnly: boolean,
  ) {}

  private as(mailbox: string): EwsConnection {
    return this.appOnly ? { ...this.connection, impersonate: mailbox } : this.connection;
  }

  private newest(mailbox: string, folder: TrackedFolder, signal: AbortSignal): Promise<Listed[]> {
    return withService(this.as(mailbox), 'delivery', signal, async (service) => {
      const folderId = new ews.FolderId(folderName(folder), new ews.Mailbox(xmlText(mailbox)));
      const view = new ews.ItemView(NEWEST);
      view.PropertySet = new ews.PropertySet(ews.BasePropertySet.IdOnly, [
        ews.ItemSchema.DateTimeReceived,
        ews.EmailMessageSchema.From,
        ews.EmailMessageSchema.InternetMessageId,
      ]);
      view.OrderBy.Add(ews.ItemSchema.DateTimeReceived, ews.SortDirection.Descending);
      const found = await service.FindItems(folderId, view);
      return found.Items.map((item) => {
        const message = item as ews.EmailMessage;
        return {
          id: item.Id.UniqueId,
          receivedAt: new Date(item.DateTimeReceived.TotalMilliSeconds),
          from: message.From?.Address ?? '',
          messageId: message.InternetMessageId ?? '',
        };
      });
    });
  }

  async find(
    mailbox: string,
    folder: TrackedFolder,
    messageId: string,
    signal: AbortSignal,
  ): Promise<Date | undefined> {
    const items = await this.newest(mailbox, folder, signal);
    return items.find((item) => item.messageId === messageId)?.receivedAt;
  }

  async bounce(
    mailbox: string,
    mark: MessageMark,
    since: Date,
    signal: AbortSignal,
  ): Promise<NonDeliveryReport | undefined> {
    const candidates = await this.newest(mailbox, 'inbox', signal);
    return this.scan.first(candidates, mark, since, (id) =>
      withService(this.as(mailbox), 'delivery', signal, async (service) => {
        const shape = new ews.PropertySet(ews.BasePropertySet.IdOnly, [ews.ItemSchema.MimeContent]);
        const item = await ews.EmailMessage.Bind(service, new ews.ItemId(id), shape);
        return Buffer.from(item.MimeContent.Content, 'base64').toString('utf8');
      }),
    );
  }

  /** Each read is a request of its own: nothing to close. */
  close(): Promise<void> {
    return Promise.resolve();
  }
}
