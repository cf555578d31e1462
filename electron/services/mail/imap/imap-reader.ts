import { validateImapAccount } from './imap-client';
import { secretOf, type MailCredentials } from '../port';
import { RunFailure } from '../failure';
import type { MailboxReader } from '../mailbox-reader';
import type { InboxSummary } from '../port';
import type { StepContext } from '../step-context';

export interface ImapEndpoint {
  host: string;
  /** 0 means the service default, 993. */
  port: number;
  /** A CA to trust next to the system roots (a test server's throw-away CA). */
  extraCaPem?: string;
}

/** Logs in over TLS with imapflow and reads INBOX's counts and newest subjects. */
export class ImapMailboxReader implements MailboxReader {
  constructor(
    private readonly endpoint: ImapEndpoint,
    private readonly credentials: MailCredentials,
  ) {}

  read(_mailbox: string, context: StepContext): Promise<InboxSummary> {
    context.conceal(secretOf(this.credentials));
    return context.step('imap', async () => {
      const result = await validateImapAccount({
        ...this.endpoint,
        credentials: this.credentials,
        signal: context.signal,
      });
      if (!result.ok) throw new RunFailure(result.facts);
      return { total: result.total, unread: result.unread, newestSubjects: result.newest };
    });
  }
}
