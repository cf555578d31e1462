import type { FolderName, Mailbox, StoredMessage } from './state';

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
  const v = SERVER_VERSION;
  return (
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<s:Envelope xmlns:s="${NS.soap}"><s:Header>` +
    `<h:ServerVersionInfo MajorVersion="${v.major}" MinorVersion="${v.minor}" MajorBuildNumber="${v.build}" MinorBuildNumber="${v.revision}" Version="${v.version}" xmlns:h="${NS.t}"/>` +
    `</s:Header><s:Body>${body}</s:Body></s:Envelope>`
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

export function soapFault(code: string, text: string, values: Record<string, string> = {}): string {
  const messageXml = Object.entries(values)
    .map(([name, value]) => `<t:Value Name="${xmlEscape(name)}">${xmlEscape(value)}</t:Value>`)
    .join('');
  return (
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<s:Envelope xmlns:s="${NS.soap}"><s:Body><s:Fault>` +
    `<faultcode xmlns:a="${NS.t}">a:${code}</faultcode><faultstring xml:lang="en-US">${xmlEscape(text)}</faultstring>` +
    `<detail><e:ResponseCode xmlns:e="${NS.e}">${code}</e:ResponseCode><e:Message xmlns:e="${NS.e}">${xmlEscape(text)}</e:Message>` +
    (messageXml ? `<t:MessageXml xmlns:t="${NS.t}">${messageXml}</t:MessageXml>` : '') +
    `</detail></s:Fault></s:Body></s:Envelope>`
  );
}

const FOLDER_DISPLAY_NAMES: Record<FolderName, string> = {
  inbox: 'Inbox',
  sentitems: 'Sent Items',
};

/** Stable ids: a folder id names its mailbox and folder, so a client may bind to it later. */
export function folderId(mailbox: Mailbox, folder: FolderName): string {
  return Buffer.from(`demo-folder:${mailbox.address.toLowerCase()}:${folder}`).toString('base64');
}

export function parseFolderId(id: string): { address: string; folder: FolderName } | undefined {
  const m = /^demo-folder:([^:]+):(inbox|sentitems)$/.exec(
    Buffer.from(id, 'base64').toString('utf8'),
  );
  return m?.[1] && m[2] ? { address: m[1], folder: m[2] as FolderName } : undefined;
}

const FOLDER_CHANGE_KEY = 'AQAAABYAAAAAAAAAAAAAAAAAAAAA';

export function folderXml(mailbox: Mailbox, folder: FolderName): string {
  const items = mailbox.folders[folder];
  return (
    `<t:Folder><t:FolderId Id="${folderId(mailbox, folder)}" ChangeKey="${FOLDER_CHANGE_KEY}"/>` +
    `<t:FolderClass>IPF.Note</t:FolderClass><t:DisplayName>${FOLDER_DISPLAY_NAMES[folder]}</t:DisplayName>` +
    `<t:TotalCount>${items.length}</t:TotalCount><t:ChildFolderCount>0</t:ChildFolderCount>` +
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

export function messageXml(message: StoredMessage, parentFolderId: string): string {
  return (
    `<t:Message><t:ItemId Id="${xmlEscape(message.itemId)}" ChangeKey="${xmlEscape(message.changeKey)}"/>` +
    `<t:ParentFolderId Id="${parentFolderId}" ChangeKey="${FOLDER_CHANGE_KEY}"/>` +
    `<t:ItemClass>IPM.Note</t:ItemClass><t:Subject>${xmlEscape(message.subject)}</t:Subject>` +
    `<t:DateTimeReceived>${message.receivedAt.replace(/\.\d+Z$/, 'Z')}</t:DateTimeReceived>` +
    `<t:Size>${Buffer.byteLength(message.body) + Buffer.byteLength(message.subject) + 512}</t:Size>` +
    `<t:DateTimeSent>${message.receivedAt.replace(/\.\d+Z$/, 'Z')}</t:DateTimeSent>` +
    `<t:HasAttachments>false</t:HasAttachments>` +
    `<t:Sender>${mailboxXml(message.from)}</t:Sender>` +
    recipientsXml('ToRecipients', message.to) +
    recipientsXml('CcRecipients', message.cc) +
    `<t:From>${mailboxXml(message.from)}</t:From>` +
    `<t:InternetMessageId>${xmlEscape(message.internetMessageId)}</t:InternetMessageId>` +
    `<t:IsRead>${message.isRead}</t:IsRead></t:Message>`
  );
}
