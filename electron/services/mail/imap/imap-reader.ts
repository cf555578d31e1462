import { validateImapAccount } from './imap-client';
import type { ImapRoute } from '../../network/route';
import { seamFacts } from '../../network/seam-facts';
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
  /** How the connection goes (the network seam's choice); direct when absent. */
  route?: () => Promise<ImapRoute>;
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
      const { route, ...endpoint } = this.endpoint;
      const result = await validateImapAccount({
        ...endpoint,
        route: await this.routeOf(route),
        credentials: this.credentials,
        signal: context.signal,
      });
      if (!result.ok) throw new RunFailure(result.facts);
      const { total, unread, newest, newestAt } = result;
      return { total, unread, newestSubjects: newest, ...(newestAt ? { newestAt } : {}) };
    });
  }

  /** The route, or the failure of deciding it (an automatic configuration script not loaded). */
  private async routeOf(route: ImapEndpoint['route']): Promise<ImapRoute | undefined> {
    try {
      return await route?.();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new RunFailure({
        step: 'imap',
        host: this.endpoint.host,
        message,
        ...seamFacts(error),
      });
    }
  }
}
