import { graphError } from './graph-errors';
import type { FolderName, Mailbox, StoredMessage } from './state';

/** Microsoft Graph's message and mailFolder resources over the demo's mailboxes (v1.0). */

export const GRAPH_ROOT = 'https://graph.microsoft.com/v1.0';

/** Well-known folder names Graph accepts in /mailFolders/{name}, as the demo stores them. */
const WELL_KNOWN: Record<string, FolderName> = { inbox: 'inbox', sentitems: 'sentitems' };
const DISPLAY: Record<FolderName, string> = { inbox: 'Inbox', sentitems: 'Sent Items' };

export function folderByName(name: string): FolderName {
  const folder = WELL_KNOWN[name.toLowerCase()];
  if (!folder) throw graphError('segment', name);
  return folder;
}

const folderId = (mailbox: Mailbox, folder: FolderName) =>
  `AAMkADemo${Buffer.from(`${mailbox.address.toLowerCase()}:${folder}`).toString('base64url')}`;

export function mailFolderJson(
  mailbox: Mailbox,
  folder: FolderName,
  userSegment: string,
): Record<string, unknown> {
  const items = mailbox.folders[folder];
  return {
    '@odata.context': `${GRAPH_ROOT}/$metadata#users('${encodeURIComponent(userSegment)}')/mailFolders/$entity`,
    id: folderId(mailbox, folder),
    displayName: DISPLAY[folder],
    parentFolderId: `AAMkADemo${Buffer.from(`${mailbox.address.toLowerCase()}:root`).toString('base64url')}`,
    childFolderCount: 0,
    unreadItemCount: items.filter((m) => !m.isRead).length,
    totalItemCount: items.length,
    sizeInBytes: items.reduce((n, m) => n + Buffer.byteLength(m.body) + 512, 0),
    isHidden: false,
  };
}

const recipient = (address: string) => ({ emailAddress: { name: address, address } });
const isoSeconds = (iso: string) => iso.replace(/\.\d+Z$/, 'Z');

/** Every property the demo can answer, as Graph names them. */
function messageProperties(
  message: StoredMessage,
  parentFolderId: string,
): Record<string, unknown> {
  const at = isoSeconds(message.receivedAt);
  return {
    createdDateTime: at,
    lastModifiedDateTime: at,
    changeKey: message.changeKey,
    receivedDateTime: at,
    sentDateTime: at,
    hasAttachments: false,
    internetMessageId: message.internetMessageId,
    subject: message.subject,
    bodyPreview: message.body.slice(0, 255),
    importance: 'normal',
    parentFolderId,
    isRead: message.isRead,
    isDraft: false,
    body: { contentType: message.bodyType === 'HTML' ? 'html' : 'text', content: message.body },
    sender: recipient(message.from),
    from: recipient(message.from),
    toRecipients: message.to.map(recipient),
    ccRecipients: message.cc.map(recipient),
  };
}

export interface MessageQuery {
  top: number;
  /** `$filter=internetMessageId eq '<…>'`, the one filter the demo answers. */
  internetMessageId?: string;
  select?: string[];
  orderBy: { property: 'receivedDateTime' | 'sentDateTime' | 'subject'; descending: boolean };
}

const ORDERABLE = new Set(['receivedDateTime', 'sentDateTime', 'subject']);
const SELECTABLE = new Set([
  'id',
  'createdDateTime',
  'lastModifiedDateTime',
  'changeKey',
  'receivedDateTime',
  'sentDateTime',
  'hasAttachments',
  'internetMessageId',
  'subject',
  'bodyPreview',
  'importance',
  'parentFolderId',
  'isRead',
  'isDraft',
  'body',
  'sender',
  'from',
  'toRecipients',
  'ccRecipients',
]);

/** OData's string literal doubles a quote inside it. */
function messageIdFilter(filter: string | null): string | undefined {
  if (filter === null) return undefined;
  const match = /^\s*internetMessageId\s+eq\s+'((?:[^']|'')*)'\s*$/.exec(filter);
  if (!match?.[1]) throw graphError('badQuery', `Invalid filter clause: '${filter}'.`);
  return match[1].replaceAll("''", "'");
}

/** The message as MIME (`/messages/{id}/$value`): the NDR's own, else one written from its fields. */
export function messageMime(mailbox: Mailbox, id: string): string {
  const found = [...mailbox.folders.inbox, ...mailbox.folders.sentitems].find(
    (m) => m.itemId === id,
  );
  if (!found) throw graphError('itemNotFound');
  if (found.mime) return found.mime;
  return [
    `From: ${found.from}`,
    `To: ${found.to.join(', ')}`,
    `Subject: ${found.subject}`,
    `Message-ID: ${found.internetMessageId}`,
    ...Object.entries(found.headers).map(([name, value]) => `${name}: ${value}`),
    `Content-Type: text/${found.bodyType === 'HTML' ? 'html' : 'plain'}; charset="utf-8"`,
    'MIME-Version: 1.0',
    '',
    found.body,
  ].join('\r\n');
}

/** $top, $select and $orderby as OData v4 and Graph's query-parameter page define them. */
export function parseMessageQuery(search: URLSearchParams): MessageQuery {
  const topRaw = search.get('$top');
  const top = topRaw === null ? 10 : Number(topRaw);
  if (!Number.isInteger(top) || top < 0)
    throw graphError('badQuery', `Invalid value '${topRaw}' for $top query option found.`);
  const selectRaw = search.get('$select');
  const select = selectRaw
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = select?.find((s) => !SELECTABLE.has(s));
  if (unknown)
    throw graphError(
      'badQuery',
      `Could not find a property named '${unknown}' on type 'microsoft.graph.message'.`,
    );
  const [property = 'receivedDateTime', direction = 'asc'] = (search.get('$orderby') ?? '')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  if (!ORDERABLE.has(property) || !['asc', 'desc'].includes(direction.toLowerCase()))
    throw graphError('badQuery', `Invalid $orderby expression '${search.get('$orderby')}'.`);
  return {
    top: Math.min(top, 1000),
    internetMessageId: messageIdFilter(search.get('$filter')),
    select,
    orderBy: {
      property: property as MessageQuery['orderBy']['property'],
      descending: direction.toLowerCase() === 'desc' || search.get('$orderby') === null,
    },
  };
}

export function messagesJson(
  mailbox: Mailbox,
  folder: FolderName,
  query: MessageQuery,
  userSegment: string,
): Record<string, unknown> {
  const parent = folderId(mailbox, folder);
  const key = query.orderBy.property === 'subject' ? 'subject' : 'receivedAt';
  const sorted = mailbox.folders[folder]
    .filter(
      (m) =>
        query.internetMessageId === undefined || m.internetMessageId === query.internetMessageId,
    )
    .map((m, i) => ({ m, i }))
    .sort((a, b) => a.m[key].localeCompare(b.m[key]) || a.i - b.i)
    .map(({ m }) => m);
  if (query.orderBy.descending) sorted.reverse();
  const value = sorted.slice(0, query.top).map((message) => {
    const all = messageProperties(message, parent);
    const picked = query.select
      ? Object.fromEntries(query.select.filter((s) => s in all).map((s) => [s, all[s]]))
      : all;
    return { '@odata.etag': `W/"${message.changeKey}"`, id: message.itemId, ...picked };
  });
  const context = `${GRAPH_ROOT}/$metadata#users('${encodeURIComponent(userSegment)}')/mailFolders('${folder === 'inbox' ? 'inbox' : 'sentitems'}')/messages${query.select ? `(${query.select.join(',')})` : ''}`;
  return { '@odata.context': context, value };
}
