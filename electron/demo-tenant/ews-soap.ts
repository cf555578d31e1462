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
  ErrorItemNotFound: 'The specified object was not found in the store.',
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
 * A SOAP fault. Exchange writes ServerVersionInfo in the header of every fault, schema validation's
 * included: a client that probes with a RequestServerVersion the server does not know (exchangelib
 * guesses newest first) learns the version from that answer.
 */
export function soapFault(code: string, text: string, values: Record<string, string> = {}): string {
  const messageXml = Object.entries(values)
    .map(([name, value]) => `<t:Value Name="${xmlEscape(name)}">${xmlEscape(value)}</t:Value>`)
    .join('');
  const header = `<s:Header>${serverVersionInfo()}</s:Header>`;
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

export const FOLDER_CHANGE_KEY = 'AQAAABYAAAAAAAAAAAAAAAAAAAAA';

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
