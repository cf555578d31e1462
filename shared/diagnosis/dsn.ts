/**
 * RFC 3464's `message/delivery-status` body: one group of per-message fields, then one group per
 * recipient, groups separated by a blank line, each field an RFC 822-style header (folded lines
 * continue with white space). Only the fields are read, never the report's prose, which Exchange
 * writes in the sender's language.
 */

export interface DsnRecipient {
  /** Final-Recipient's address (its `rfc822;` type dropped). */
  finalRecipient: string;
  originalRecipient?: string;
  /** failed, delayed, delivered, relayed or expanded. */
  action: string;
  /** The enhanced status code, e.g. 5.1.10 (RFC 3463), without any comment. */
  status: string;
  /** The MTA that refused, from Remote-MTA (its `dns;` type dropped). */
  remoteMta?: string;
  /** The remote server's own text, from Diagnostic-Code (its `smtp;` type dropped). */
  diagnosticCode?: string;
  willRetryUntil?: string;
}

export interface DeliveryStatus {
  reportingMta?: string;
  arrivalDate?: string;
  recipients: DsnRecipient[];
}

type Fields = Map<string, string>;

/** The groups of fields, names lower-cased; the first value of a repeated name is kept. */
function fieldGroups(text: string): Fields[] {
  const groups: Fields[] = [];
  let current: Fields | undefined;
  let last: string | undefined;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.trim() === '') {
      current = undefined;
      last = undefined;
    } else if (/^[ \t]/.test(line) && current && last) {
      current.set(last, `${current.get(last) ?? ''} ${line.trim()}`);
    } else {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      if (!current) groups.push((current = new Map()));
      last = line.slice(0, colon).trim().toLowerCase();
      if (!current.has(last)) current.set(last, line.slice(colon + 1).trim());
    }
  }
  return groups;
}

/** `rfc822; a@b` → `a@b`: the address-type (or diagnostic-type) before the first `;` goes. */
const typed = (value: string | undefined): string | undefined => {
  if (value === undefined) return undefined;
  const semicolon = value.indexOf(';');
  return (semicolon < 0 ? value : value.slice(semicolon + 1)).trim();
};

/** RFC 3464 allows a comment after the status: `5.1.10 (recipient not found)`. */
const statusCode = (value: string): string =>
  /^\s*([245]\.\d{1,3}\.\d{1,3})/.exec(value)?.[1] ?? '';

function recipientOf(fields: Fields): DsnRecipient | undefined {
  const finalRecipient = typed(fields.get('final-recipient'));
  const action = fields.get('action')?.toLowerCase();
  const status = statusCode(fields.get('status') ?? '');
  if (!finalRecipient || !action || !status) return undefined;
  return {
    finalRecipient,
    originalRecipient: typed(fields.get('original-recipient')),
    action,
    status,
    remoteMta: typed(fields.get('remote-mta')),
    diagnosticCode: typed(fields.get('diagnostic-code')),
    willRetryUntil: fields.get('will-retry-until'),
  };
}

/** Parses a delivery-status body; a recipient group lacking Final-Recipient, Action or Status is skipped. */
export function parseDeliveryStatus(text: string): DeliveryStatus {
  const [first, ...rest] = fieldGroups(text);
  const perMessage = first && !first.has('final-recipient') ? first : undefined;
  const groups = perMessage ? rest : [first, ...rest];
  return {
    reportingMta: typed(perMessage?.get('reporting-mta')),
    arrivalDate: perMessage?.get('arrival-date'),
    recipients: groups.flatMap((g) => (g ? (recipientOf(g) ?? []) : [])),
  };
}

/** The recipient a bounce is about: the first that failed, else the first delayed. */
export function bouncedRecipient(status: DeliveryStatus): DsnRecipient | undefined {
  return (
    status.recipients.find((r) => r.action === 'failed') ??
    status.recipients.find((r) => r.action === 'delayed')
  );
}
