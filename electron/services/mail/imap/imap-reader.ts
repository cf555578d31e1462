import { validateImapAccount, type ImapCredentials } from './imap-client';
import { RunFailure } from '../failure';
import type { InboxSummary, MailboxReader } from '../mailbox-reader';
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
    private readonly credentials: ImapCredentials,
  ) {}

  read(_mailbox: string, context: StepContext): Promise<InboxSummary> {
    context.conceal(
      this.credentials.kind === 'password'
        ? this.credentials.password
        : this.credentials.accessToken,
    );
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
