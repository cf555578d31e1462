import { attr, child, list, text, type Node } from './ews-envelope';
import { FOLDER_CHANGE_KEY, xmlEscape } from './ews-soap';
import type { StoredMessage } from './state';

/** Which properties FindItem and GetItem return, from the request's ItemShape. */
export interface ItemShape {
  /** BaseShape IdOnly: the ItemId and the AdditionalProperties only; Default and AllProperties: all. */
  idOnly: boolean;
  /** FieldURI values, e.g. item:Subject. */
  additional: Set<string>;
  /** IncludeMimeContent: the message as RFC 5322 text, base64 (GetItem only). */
  includeMime: boolean;
  /** BodyType: Best answers the body as stored, HTML or Text converts it. */
  bodyType: 'Best' | 'HTML' | 'Text';
}

/** FindItem never returns a body or MIME content, whatever the shape asks; GetItem does. */
export type ItemOperation = 'FindItem' | 'GetItem';

export function itemShape(node: Node | undefined): ItemShape {
  const uris = list(child(node, 'AdditionalProperties')?.FieldURI)
    .map((f) => attr(f, 'FieldURI'))
    .filter((u): u is string => !!u);
  const bodyType = text(child(node, 'BodyType')).trim();
  return {
    idOnly: text(child(node, 'BaseShape')).trim() === 'IdOnly',
    additional: new Set(uris),
    includeMime: text(child(node, 'IncludeMimeContent')).trim() === 'true',
    bodyType: bodyType === 'HTML' || bodyType === 'Text' ? bodyType : 'Best',
  };
}

function mailboxXml(address: string): string {
  return `<t:Mailbox><t:EmailAddress>${xmlEscape(address)}</t:EmailAddress><t:RoutingType>SMTP</t:RoutingType><t:MailboxType>Mailbox</t:MailboxType></t:Mailbox>`;
}

function recipientsXml(element: string, addresses: string[]): string {
  return addresses.length
    ? `<t:${element}>${addresses.map((a) => mailboxXml(a)).join('')}</t:${element}>`
    : '';
}

/** The body in the type asked for: HTML loses its tags as Text, Text is escaped into HTML. */
function bodyXml(message: StoredMessage, wanted: ItemShape['bodyType']): string {
  const type = wanted === 'Best' ? message.bodyType : wanted;
  let content = message.body;
  if (type === 'Text' && message.bodyType === 'HTML') {
    content = message.body
      .replace(/<br\s*\/?>|<\/p>/gi, '\r\n')
      .replace(/<[^>]*>/g, '')
      .trim();
  } else if (type === 'HTML' && message.bodyType === 'Text') {
    content = `<html><body>${xmlEscape(message.body).replace(/\r?\n/g, '<br>')}</body></html>`;
  }
  return `<t:Body BodyType="${type}">${xmlEscape(content)}</t:Body>`;
}

/** A header value as RFC 2047 encoded-word when it is not plain printable ASCII. */
function headerText(value: string): string {
  return /^[\x20-\x7e]*$/.test(value)
    ? value
    : `=?UTF-8?B?${Buffer.from(value).toString('base64')}?=`;
}

/** Addresses go into headers as they were accepted; control characters cannot break a line. */
const headerAddresses = (addresses: string[]) =>
  addresses.map((a) => a.replace(/\p{Cc}/gu, '')).join(', ');

/**
 * The message as a client downloading its MIME would see it: the MIME it arrived with (an NDR's
 * multipart/report, as Graph's $value gives it), else RFC 5322 headers and a base64 body.
 */
export function mimeMessage(message: StoredMessage): string {
  if (message.mime) return message.mime;
  const headers = [
    `From: ${headerAddresses([message.from])}`,
    `To: ${headerAddresses(message.to)}`,
    ...(message.cc.length ? [`Cc: ${headerAddresses(message.cc)}`] : []),
    `Subject: ${headerText(message.subject)}`,
    `Date: ${new Date(message.receivedAt).toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${headerText(message.internetMessageId)}`,
    'MIME-Version: 1.0',
    `Content-Type: ${message.bodyType === 'HTML' ? 'text/html' : 'text/plain'}; charset="utf-8"`,
    'Content-Transfer-Encoding: base64',
  ];
  const body = Buffer.from(message.body).toString('base64').replace(/.{76}/g, '$&\r\n');
  return `${headers.join('\r\n')}\r\n\r\n${body}\r\n`;
}

/**
 * A message's properties in the order types.xsd gives them (ItemType's, then MessageType's), each
 * under its FieldURI; `getItemOnly` marks what FindItem cannot return.
 */
function messageFields(
  message: StoredMessage,
  parentFolderId: string,
  shape: ItemShape,
  operation: ItemOperation,
): { uri: string; xml: string; getItemOnly?: true }[] {
  const at = message.receivedAt.replace(/\.\d+Z$/, 'Z');
  const size = Buffer.byteLength(message.body) + Buffer.byteLength(message.subject) + 512;
  // Encoded only when it is answered: FindItem over a large folder never pays for it.
  const mime =
    operation === 'GetItem' && wanted('item:MimeContent', shape)
      ? Buffer.from(mimeMessage(message)).toString('base64')
      : '';
  return [
    {
      uri: 'item:MimeContent',
      xml: `<t:MimeContent CharacterSet="UTF-8">${mime}</t:MimeContent>`,
      getItemOnly: true,
    },
    {
      uri: 'item:ItemId',
      xml: `<t:ItemId Id="${xmlEscape(message.itemId)}" ChangeKey="${xmlEscape(message.changeKey)}"/>`,
    },
    {
      uri: 'item:ParentFolderId',
      xml: `<t:ParentFolderId Id="${parentFolderId}" ChangeKey="${FOLDER_CHANGE_KEY}"/>`,
    },
    { uri: 'item:ItemClass', xml: `<t:ItemClass>IPM.Note</t:ItemClass>` },
    { uri: 'item:Subject', xml: `<t:Subject>${xmlEscape(message.subject)}</t:Subject>` },
    { uri: 'item:Body', xml: bodyXml(message, shape.bodyType), getItemOnly: true },
    { uri: 'item:DateTimeReceived', xml: `<t:DateTimeReceived>${at}</t:DateTimeReceived>` },
    { uri: 'item:Size', xml: `<t:Size>${size}</t:Size>` },
    { uri: 'item:DateTimeSent', xml: `<t:DateTimeSent>${at}</t:DateTimeSent>` },
    { uri: 'item:HasAttachments', xml: `<t:HasAttachments>false</t:HasAttachments>` },
    { uri: 'message:Sender', xml: `<t:Sender>${mailboxXml(message.from)}</t:Sender>` },
    { uri: 'message:ToRecipients', xml: recipientsXml('ToRecipients', message.to) },
    { uri: 'message:CcRecipients', xml: recipientsXml('CcRecipients', message.cc) },
    { uri: 'message:From', xml: `<t:From>${mailboxXml(message.from)}</t:From>` },
    {
      uri: 'message:InternetMessageId',
      xml: `<t:InternetMessageId>${xmlEscape(message.internetMessageId)}</t:InternetMessageId>`,
    },
    { uri: 'message:IsRead', xml: `<t:IsRead>${message.isRead}</t:IsRead>` },
  ];
}

/** Whether the shape returns a property: the ItemId always, MIME only when asked for. */
function wanted(uri: string, shape: ItemShape): boolean {
  if (uri === 'item:ItemId' || shape.additional.has(uri)) return true;
  if (uri === 'item:MimeContent') return shape.includeMime;
  return !shape.idOnly;
}

export function messageXml(
  message: StoredMessage,
  parentFolderId: string,
  shape: ItemShape,
  operation: ItemOperation,
): string {
  const fields = messageFields(message, parentFolderId, shape, operation)
    .filter((f) => (operation === 'GetItem' || !f.getItemOnly) && wanted(f.uri, shape))
    .map((f) => f.xml)
    .join('');
  return `<t:Message>${fields}</t:Message>`;
}
