import { z } from 'zod';
import { CancelledError } from '../../base/abortable';
import { graphRequest, parseGraphBody, userPath, type GraphConnection } from './graph-http';
import type { MailboxReader } from '../mailbox-reader';
import type { InboxSummary } from '../port';
import type { StepContext } from '../step-context';

export const mailFolder = z.object({
  totalItemCount: z.number().int().nonnegative(),
  unreadItemCount: z.number().int().nonnegative(),
});

export const messageList = z.object({
  value: z.array(
    z.object({ subject: z.string().nullish(), receivedDateTime: z.string().nullish() }),
  ),
});

/** When the newest of a listing arrived, as Graph gives it. */
export const newestAtOf = (list: z.infer<typeof messageList>): string | undefined =>
  list.value[0]?.receivedDateTime ?? undefined;

/** The three newest, with only what the Result shows (Mail.ReadBasic is enough). */
export const NEWEST = new URLSearchParams({
  $top: '3',
  $select: 'subject,receivedDateTime',
  $orderby: 'receivedDateTime desc',
}).toString();

/**
 * A mailbox's Inbox through Microsoft Graph: `GET /v1.0/users/{UPN}/mailFolders/inbox` for the
 * counts, then its three newest messages. A delegated token needs Mail.ReadBasic (or Mail.Read),
 * an app-only one the application permission of the same name.
 */
export class GraphMailboxReader implements MailboxReader {
  constructor(private readonly connection: GraphConnection) {}

  read(mailbox: string, context: StepContext): Promise<InboxSummary> {
    context.conceal(this.connection.accessToken);
    const { route } = this.connection;
    const inbox = `${userPath(mailbox)}/mailFolders/inbox`;
    return context.step('graph-folder', async () => {
      // Each request on its own: a throttled second read must not send the first again.
      const get = (path: string) =>
        context.retrying(() =>
          graphRequest(
            this.connection,
            'graph-folder',
            { method: 'GET', path },
            200,
            context.signal,
          ),
        );
      const folder = parseGraphBody(mailFolder, await get(inbox), 'graph-folder', route);
      // A cancelled run must not start its second request once the first one lands.
      if (context.signal.aborted) throw new CancelledError();
      const list = parseGraphBody(
        messageList,
        await get(`${inbox}/messages?${NEWEST}`),
        'graph-folder',
        route,
      );
      return {
        total: folder.totalItemCount,
        unread: folder.unreadItemCount,
        newestSubjects: list.value.map((m) => m.subject ?? ''),
        newestAt: newestAtOf(list),
      };
    });
  }
}
