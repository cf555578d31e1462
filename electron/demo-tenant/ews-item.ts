import { attr, child, list, text, type Node } from './ews-envelope';

/** What a CreateItem's Message says beyond its subject and body: recipients, extended properties. */

export function addresses(recipients: Node | undefined): string[] {
  return list(recipients?.Mailbox)
    .map((m) => text(child(m, 'EmailAddress')).trim())
    .filter(Boolean);
}

/**
 * A new item's extended properties as ews-javascript-api writes them: PR_INTERNET_MESSAGE_ID
 * (tag 0x1035) and headers of the InternetHeaders property set (X-…).
 */
export function extendedProperties(item: Node): {
  messageId?: string;
  headers: Record<string, string>;
} {
  const headers: Record<string, string> = {};
  let messageId: string | undefined;
  for (const property of list(item.ExtendedProperty)) {
    const uri = child(property, 'ExtendedFieldURI');
    const value = text(child(property, 'Value'));
    const tag = attr(uri, 'PropertyTag');
    if (tag !== undefined && Number(tag) === 0x1035) messageId = value;
    else if (attr(uri, 'DistinguishedPropertySetId') === 'InternetHeaders') {
      const name = attr(uri, 'PropertyName');
      if (name) headers[name] = value;
    }
  }
  return { messageId, headers };
}
