import { isExchangeOnlineSmtp } from '../../../shared/settings/system-settings';
import { EwsMessageTracker } from '../mail/ews/ews-tracker';
import { graphScopeFor } from '../mail/graph/graph-http';
import { GraphMessageTracker } from '../mail/graph/graph-tracker';
import { ImapMessageTracker } from '../mail/imap/imap-tracker';
import type { MessageTracker } from '../mail/message-tracker';
import type { Run } from '../runs/run';
import type { FollowRequest } from './follow-delivery';
import type { FollowPath } from './send-plans';

/** What the credentials can read after `OK!`, and the tracker that reads it. */
export interface DeliveryReach {
  tracker: MessageTracker;
  sentItems: boolean;
  recipient: boolean;
  /** The sender's Inbox, where an NDR comes back. */
  bounces: boolean;
  /** A line for each read the credentials cannot make. */
  notes: string[];
  /** Which permission would allow a read the credentials were refused. */
  permission: string;
  /** The same for the Sender's Inbox, which may be another user's mailbox. */
  bouncePermission: string;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

const OWN_ONLY = {
  graph: 'User name/Password reads only the signed-in user’s own mailbox',
  ews: 'these credentials read only the signed-in user’s own mailbox',
  imap: 'the SMTP account reads only its own mailbox over IMAP',
};

function permissionOf(path: FollowPath, request: FollowRequest): string {
  const delegated = request.settings.authFlow === 'password';
  if (path.kind === 'graph')
    return `Microsoft Graph ${delegated ? 'Mail.Read (delegated)' : 'Mail.Read (application)'}`;
  if (path.kind === 'imap') return 'an IMAP login for the SMTP account';
  if (request.settings.emailMethod === 'exchange') return 'FullAccess on the mailbox';
  return delegated ? 'EWS.AccessAsUser.All (delegated)' : 'full_access_as_app (application)';
}

/** Why an SMTP send is not followed over IMAP, or undefined when it can be. */
function smtpUnfollowed({ settings, input, sent }: FollowRequest): string | undefined {
  if (sent.route.environment === 'demo')
    return 'Delivery not followed: the demo tenant offers no IMAP to read the SMTP account’s mailbox; Microsoft Graph or EWS follow it.';
  if (isExchangeOnlineSmtp(settings.serverAddress))
    return 'Delivery not followed: Exchange Online’s IMAP takes OAuth only; choose Microsoft Graph to follow the message.';
  if (input.dialog.userName.trim() === '')
    return 'Delivery not followed: the SMTP account has no user name to read its mailbox over IMAP with.';
  return undefined;
}

async function trackerOf(path: FollowPath, request: FollowRequest, run: Run) {
  if (path.kind === 'ews') return new EwsMessageTracker(path.connection, path.appOnly);
  if (path.kind === 'imap') return new ImapMessageTracker(await path.endpoint());
  const { input, settings, secret } = request;
  run.conceal(secret);
  const token = await run.token({
    route: path.route,
    flow: settings.authFlow,
    clientId: settings.clientId,
    serverAddress: settings.serverAddress,
    userName: input.dialog.userName.trim(),
    secret: secret ?? '',
    scope: graphScopeFor(settings.authFlow, 'read'),
  });
  return new GraphMessageTracker({ route: path.route, accessToken: token.accessToken });
}

/**
 * FLOWS.md §11: which mailboxes these credentials may read. An app-only token (Graph Mail.Read,
 * EWS full_access_as_app) reads any; User name/Password, Exchange on-premises' Basic and an SMTP
 * account's IMAP read only the signed-in user's own. A string says why nothing is followed.
 */
export async function reachFor(request: FollowRequest, run: Run): Promise<DeliveryReach | string> {
  const { sent, settings, input, message } = request;
  const why = settings.emailMethod === 'smtp' ? smtpUnfollowed(request) : undefined;
  if (why) return why;
  const path = sent.follow;
  if (!path)
    return 'Delivery not followed: the mail client sends the message; look in its Sent Items and the sender’s Inbox.';
  const ownOnly =
    path.kind === 'graph'
      ? settings.authFlow === 'password'
      : path.kind === 'imap' || !path.appOnly;
  const own = (address: string) => !ownOnly || same(input.dialog.userName, address);
  // A signed-in user may hold FullAccess on the Sender's mailbox without Send As: the 5.7.60 NDR
  // comes back there, so the Sender's Inbox is tried and a refusal is a line. IMAP logs in to one.
  const bounces = path.kind !== 'imap' || own(message.from);
  if (!bounces && !own(message.to))
    return `Delivery not followed: ${OWN_ONLY[path.kind]}, and neither the Sender nor the Recipient is it.`;
  const notes = own(message.to)
    ? []
    : [`Delivery to the recipient not followed: ${OWN_ONLY[path.kind]}.`];
  return {
    tracker: await trackerOf(path, request, run),
    // SMTP keeps no copy in a Sent folder: there is nothing to find there.
    sentItems: path.kind !== 'imap' && own(message.from),
    recipient: own(message.to),
    bounces,
    notes,
    permission: permissionOf(path, request),
    bouncePermission: own(message.from)
      ? permissionOf(path, request)
      : `${permissionOf(path, request)} with FullAccess on ${message.from}`,
  };
}
