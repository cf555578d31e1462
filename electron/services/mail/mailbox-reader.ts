import type { InboxSummary } from './port';
import type { StepContext } from './step-context';

/**
 * One way of opening a mailbox for validation (Settings for incoming e-mail): EWS, IMAP,
 * Microsoft Graph. A plain-Node class over a well-kept library, built for one run; `read` runs
 * its timed steps through `context.step` and throws `RunFailure` when one fails.
 */
export interface MailboxReader {
  read(mailbox: string, context: StepContext): Promise<InboxSummary>;
}
