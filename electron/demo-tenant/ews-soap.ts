import type { Mailbox, StoredMessage } from './state';

/** SOAP as Exchange Online writes it, valid against messages.xsd/types.xsd (see schema/). */
export const NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  m: 'http://schemas.microsoft.com/exchange/services/2006/messages',
  t: 'http://schemas.microsoft.com/exchange/services/2006/types',
  e: 'http://schemas.microsoft.com/exchange/services/2006/errors',
} as const;

/** Exchange Online's build as of late 2026; clients read it from ServerVersionInfo. */
export const SERVER_VERSION = {
  major: 15,
  minor: 20,
  build: 8835,
  revision: 29,
  version: 'V2018_01_08',
} as const;

export function xmlEscape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function envelope(body: string): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<s:Envelope xmlns:s="${NS.soap}"><s:Header>${serverVersionInfo()}</s:Header>` +
    `<s:Body>${body}</s:Body></s:Envelope>`
  );
}

/** A response element with the m: and t: namespaces declared, as EXO writes them. */
export function responseElement(operation: string, messages: string[]): string {
  return `<m:${operation}Response xmlns:m="${NS.m}" xmlns:t="${NS.t}"><m:ResponseMessages>${messages.join('')}</m:ResponseMessages></m:${operation}Response>`;
}

export function successMessage(operation: string, content: string): string {
  return `<m:${operation}ResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>${content}</m:${operation}ResponseMessage>`;
}

export function errorMessage(
  operation: string,
  code: string,
  text: string,
  emptyContent: string,
): string {
  return (
    `<m:${operation}ResponseMessage ResponseClass="Error"><m:MessageText>${xmlEscape(text)}</m:MessageText>` +
    `<m:ResponseCode>${code}</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>${emptyContent}</m:${operation}ResponseMessage>`
  );
}

/** Exchange's own wording of the response codes the demo answers with. */
const ERROR_TEXT: Record<string, string> = {
  ErrorAccessDenied: 'Access is denied. Check credentials and try again.',
  ErrorNonExistentMailbox: 'The SMTP address has no mailbox associated with it.',
  ErrorFolderNotFound: 'The specified folder could not be found in the store.',
  ErrorInvalidIdMalformed: 'Id is malformed.',
  ErrorSendAsDenied:
    'The user account which was used to submit this request does not have the right to send mail on behalf of the specified sending account.',
  ErrorInvalidRecipients: 'At least one recipient isn\u2019t valid.',
};

/** An error response message for `code` in Exchange's words (the code itself when none is kept). */
export function codeErrorMessage(operation: string, code: string, emptyContent: string): string {
  return errorMessage(operation, code, ERROR_TEXT[code] ?? code, emptyContent);
}

function serverVersionInfo(): string {
  const v = SERVER_VERSION;
  return `<h:ServerVersionInfo MajorVersion="${v.major}" MinorVersion="${v.minor}" MajorBuildNumber="${v.build}" MinorBuildNumber="${v.revision}" Version="${v.version}" xmlns:h="${NS.t}"/>`;
}

/**
 * A SOAP fault. Past schema validation Exchange writes ServerVersionInfo in the header of its
 * faults too, so a client probing the version learns it from any answer.
 */
export function soapFault(code: string, text: string, values: Record<string, string> = {}): string {
  const messageXml = Object.entries(values)
    .map(([name, value]) => `<t:Value Name="${xmlEscape(name)}">${xmlEscape(value)}</t:Value>`)
    .join('');
  const header =
    code === 'ErrorSchemaValidation' ? '' : `<s:Header>${serverVersionInfo()}</s:Header>`;
  return (
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<s:Envelope xmlns:s="${NS.soap}">${header}<s:Body><s:Fault>` +
    `<faultcode xmlns:a="${NS.t}">a:${code}</faultcode><faultstring xml:lang="en-US">${xmlEscape(text)}</faultstring>` +
    `<detail><e:ResponseCode xmlns:e="${NS.e}">${code}</e:ResponseCode><e:Message xmlns:e="${NS.e}">${xmlEscape(text)}</e:Message>` +
    (messageXml ? `<t:MessageXml xmlns:t="${NS.t}">${messageXml}</t:MessageXml>` : '') +
    `</detail></s:Fault></s:Body></s:Envelope>`
  );
}

/** The distinguished folders the demo answers for, with Exchange's display names. */
export const DISTINGUISHED_FOLDERS = {
  root: { displayName: '', folderClass: undefined, children: 1 },
  msgfolderroot: { displayName: 'Top of Information Store', folderClass: undefined, children: 6 },
  inbox: { displayName: 'Inbox', folderClass: 'IPF.Note', children: 0 },
  sentitems: { displayName: 'Sent Items', folderClass: 'IPF.Note', children: 0 },
  drafts: { displayName: 'Drafts', folderClass: 'IPF.Note', children: 0 },
  deleteditems: { displayName: 'Deleted Items', folderClass: 'IPF.Note', children: 0 },
  outbox: { displayName: 'Outbox', folderClass: 'IPF.Note', children: 0 },
  junkemail: { displayName: 'Junk Email', folderClass: 'IPF.Note', children: 0 },
} as const;
export type EwsFolder = keyof typeof DISTINGUISHED_FOLDERS;

export const isEwsFolder = (name: string | undefined): name is EwsFolder =>
  name !== undefined && Object.hasOwn(DISTINGUISHED_FOLDERS, name);

/** The messages of a folder; the demo stores only Inbox and Sent Items, the others stay empty. */
export function folderItems(mailbox: Mailbox, folder: EwsFolder): StoredMessage[] {
  return folder === 'inbox' || folder === 'sentitems' ? mailbox.folders[folder] : [];
}

/** Stable ids: a folder id names its mailbox and folder, so a client may bind to it later. */
export function folderId(mailbox: Mailbox, folder: EwsFolder): string {
  return Buffer.from(`demo-folder:${mailbox.address.toLowerCase()}:${folder}`).toString('base64');
}

export function parseFolderId(id: string): { address: string; folder: EwsFolder } | undefined {
  const m = /^demo-folder:([^:]+):(\w+)$/.exec(Buffer.from(id, 'base64').toString('utf8'));
  return m?.[1] && isEwsFolder(m[2]) ? { address: m[1], folder: m[2] } : undefined;
}

const FOLDER_CHANGE_KEY = 'AQAAABYAAAAAAAAAAAAAAAAAAAAA';

export function folderXml(mailbox: Mailbox, folder: EwsFolder): string {
  const items = folderItems(mailbox, folder);
  const about = DISTINGUISHED_FOLDERS[folder];
  return (
    `<t:Folder><t:FolderId Id="${folderId(mailbox, folder)}" ChangeKey="${FOLDER_CHANGE_KEY}"/>` +
    (about.folderClass ? `<t:FolderClass>${about.folderClass}</t:FolderClass>` : '') +
    `<t:DisplayName>${about.displayName}</t:DisplayName>` +
    `<t:TotalCount>${items.length}</t:TotalCount><t:ChildFolderCount>${about.children}</t:ChildFolderCount>` +
    `<t:UnreadCount>${items.filter((i) => !i.isRead).length}</t:UnreadCount></t:Folder>`
  );
}

function mailboxXml(address: string, name?: string): string {
  return `<t:Mailbox>${name ? `<t:Name>${xmlEscape(name)}</t:Name>` : ''}<t:EmailAddress>${xmlEscape(address)}</t:EmailAddress><t:RoutingType>SMTP</t:RoutingType><t:MailboxType>Mailbox</t:MailboxType></t:Mailbox>`;
}

function recipientsXml(element: string, addresses: string[]): string {
  return addresses.length
    ? `<t:${element}>${addresses.map((a) => mailboxXml(a)).join('')}</t:${element}>`
    : '';
}

/** Which properties FindItem returns: ItemShape's BaseShape and AdditionalProperties. */
export interface ItemShape {
  idOnly: boolean;
  /** FieldURI values, e.g. item:Subject. */
  additional: Set<string>;
}

export const ALL_PROPERTIES: ItemShape = { idOnly: false, additional: new Set() };

/** A message's properties in the order types.xsd gives them, each under its FieldURI. */
function messageFields(message: StoredMessage, parentFolderId: string): [string, string][] {
  const at = message.receivedAt.replace(/\.\d+Z$/, 'Z');
  return [
    [
      'item:ParentFolderId',
      `<t:ParentFolderId Id="${parentFolderId}" ChangeKey="${FOLDER_CHANGE_KEY}"/>`,
    ],
    ['item:ItemClass', `<t:ItemClass>IPM.Note</t:ItemClass>`],
    ['item:Subject', `<t:Subject>${xmlEscape(message.subject)}</t:Subject>`],
    ['item:DateTimeReceived', `<t:DateTimeReceived>${at}</t:DateTimeReceived>`],
    [
      'item:Size',
      `<t:Size>${Buffer.byteLength(message.body) + Buffer.byteLength(message.subject) + 512}</t:Size>`,
    ],
    ['item:DateTimeSent', `<t:DateTimeSent>${at}</t:DateTimeSent>`],
    ['item:HasAttachments', `<t:HasAttachments>false</t:HasAttachments>`],
    ['message:Sender', `<t:Sender>${mailboxXml(message.from)}</t:Sender>`],
    ['message:ToRecipients', recipientsXml('ToRecipients', message.to)],
    ['message:CcRecipients', recipientsXml('CcRecipients', message.cc)],
    ['message:From', `<t:From>${mailboxXml(message.from)}</t:From>`],
    [
      'message:InternetMessageId',
      `<t:InternetMessageId>${xmlEscape(message.internetMessageId)}</t:InternetMessageId>`,
    ],
    ['message:IsRead', `<t:IsRead>${message.isRead}</t:IsRead>`],
  ];
}

export function messageXml(
  message: StoredMessage,
  parentFolderId: string,
  shape: ItemShape = ALL_PROPERTIES,
): string {
  const fields = messageFields(message, parentFolderId)
    .filter(([uri]) => !shape.idOnly || shape.additional.has(uri))
    .map(([, xml]) => xml)
    .join('');
  return (
    `<t:Message><t:ItemId Id="${xmlEscape(message.itemId)}" ChangeKey="${xmlEscape(message.changeKey)}"/>` +
    `${fields}</t:Message>`
  );
}
