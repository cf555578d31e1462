import { inspectInbox, type EwsConnection } from './ews-client';
import type { MailboxReader } from '../mailbox-reader';
import type { InboxSummary } from '../port';
import type { StepContext } from '../step-context';

/** Opens a mailbox's Inbox through EWS: GetFolder for the counts, FindItem for the newest three. */
export class EwsMailboxReader implements MailboxReader {
  constructor(private readonly connection: EwsConnection) {}

  read(mailbox: string, context: StepContext): Promise<InboxSummary> {
    return context.step('folder', () => inspectInbox(this.connection, mailbox, context));
  }
}
