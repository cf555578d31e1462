import { randomBytes } from 'node:crypto';
import type { Mailbox, NewMessage } from './state';

/** The Microsoft Exchange recipient every Exchange Online NDR comes from, in the sender's domain. */
export const NDR_SENDER_LOCAL = 'MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e';

/** Why a recipient bounced, as Exchange Online's DSN states it. */
export interface BounceReason {
  status: string;
  /** The SMTP reply Exchange quotes in Diagnostic-Code. */
  diagnostic: string;
  /** The first line of the report's prose. */
  summary: string;
}

export const bounceReasons = {
  recipientNotFound: {
    status: '5.1.10',
    diagnostic:
      '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup',
    summary: 'The email address you entered couldn’t be found.',
  },
  relayDenied: {
    status: '5.4.1',
    diagnostic: '550 5.4.1 Recipient address rejected: Access denied',
    summary: 'The recipient’s email system doesn’t accept messages for this domain.',
  },
  mailboxFull: {
    status: '5.2.2',
    diagnostic:
      '554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded',
    summary: 'The recipient’s mailbox is full and can’t accept messages now.',
  },
  outboundSpam: {
    status: '5.1.8',
    diagnostic: '550 5.1.8 Access denied, bad outbound sender',
    summary: 'Your message couldn’t be delivered because you weren’t recognized as a valid sender.',
  },
  /** Submission as a mailbox the signed-in user may open (FullAccess) yet not send as. */
  sendAsDenied: {
    status: '5.7.60',
    diagnostic: '550 5.7.60 SMTP; Client does not have permissions to send as this sender',
    summary: 'You can’t send a message on behalf of this user unless you have permission to do so.',
  },
} as const satisfies Record<string, BounceReason>;

/** Why Exchange Online would bounce mail to this address (its mailbox, if any), if it would. */
export function bounceReasonFor(
  address: string,
  mailbox: Mailbox | undefined,
  verifiedDomains: string[],
): BounceReason | undefined {
  if (mailbox) return mailbox.quotaExceeded ? bounceReasons.mailboxFull : undefined;
  const domain = (address.split('@')[1] ?? '').toLowerCase();
  if (verifiedDomains.some((d) => d.toLowerCase() === domain))
    return bounceReasons.recipientNotFound;
  // RFC 2606's reserved .invalid stands for a domain whose mail server refuses it.
  if (domain.endsWith('.invalid')) return bounceReasons.relayDenied;
  return undefined;
}

export interface Bounced {
  recipient: string;
  reason: BounceReason;
}

/** What of the original message the NDR repeats: its headers, as Exchange Online copies them. */
export interface BouncedOriginal {
  from: string;
  to: string[];
  subject: string;
  internetMessageId: string;
  headers: Record<string, string>;
  sentAt: Date;
}

const MTA = 'DB9PR01MB0001.eurprd01.prod.exchangelabs.com';

function deliveryStatus(bounced: Bounced[], arrival: string): string {
  const perRecipient = bounced.map(({ recipient, reason }) =>
    [
      `Final-Recipient: rfc822;${recipient}`,
      'Action: failed',
      `Status: ${reason.status}`,
      `Diagnostic-Code: smtp;${reason.diagnostic}`,
      `Remote-MTA: dns;${MTA}`,
      `X-Display-Name: ${recipient}`,
    ].join('\r\n'),
  );
  return [
    [`Reporting-MTA: dns;${MTA}`, `Received-From-MTA: dns;${MTA}`, `Arrival-Date: ${arrival}`].join(
      '\r\n',
    ),
    ...perRecipient,
  ].join('\r\n\r\n');
}

function originalHeaders(original: BouncedOriginal): string {
  return [
    `From: ${original.from}`,
    `To: ${original.to.join(', ')}`,
    `Subject: ${original.subject}`,
    `Date: ${original.sentAt.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${original.internetMessageId}`,
    ...Object.entries(original.headers).map(([name, value]) => `${name}: ${value}`),
    'MIME-Version: 1.0',
  ].join('\r\n');
}

/**
 * Exchange Online's NDR for one message: a multipart/report (RFC 6522) with the prose, the
 * message/delivery-status part (RFC 3464) and the original headers (text/rfc822-headers).
 */
export function ndrMessage(original: BouncedOriginal, bounced: Bounced[], now: Date): NewMessage {
  const domain = original.from.split('@')[1] ?? 'demo';
  const from = `${NDR_SENDER_LOCAL}@${domain}`;
  const boundary = `_000_${randomBytes(8).toString('hex')}_`;
  const date = now.toUTCString().replace('GMT', '+0000');
  const subject = `Undeliverable: ${original.subject}`;
  const internetMessageId = `<${randomBytes(16).toString('hex')}@${MTA}>`;
  const prose = [
    ...bounced.map((b) => `${b.reason.summary}\r\n${b.recipient}`),
    '',
    'Diagnostic information for administrators:',
    `Generating server: ${MTA}`,
    ...bounced.map((b) => `${b.recipient}\r\nRemote server returned '${b.reason.diagnostic}'`),
  ].join('\r\n');
  const mime = [
    `From: Microsoft Outlook <${from}>`,
    `To: <${original.from}>`,
    `Date: ${date}`,
    `Subject: ${subject}`,
    `Message-ID: ${internetMessageId}`,
    `In-Reply-To: ${original.internetMessageId}`,
    `References: ${original.internetMessageId}`,
    'Auto-Submitted: auto-replied',
    'X-MS-Exchange-Message-Is-Ndr:',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    'MIME-Version: 1.0',
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset="utf-8"',
    '',
    prose,
    '',
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    '',
    deliveryStatus(bounced, date),
    '',
    `--${boundary}`,
    'Content-Type: text/rfc822-headers',
    '',
    originalHeaders(original),
    '',
    `--${boundary}--`,
    '',
  ].join('\r\n');
  return {
    internetMessageId,
    subject,
    body: prose,
    bodyType: 'Text',
    from,
    to: [original.from],
    cc: [],
    headers: {},
    mime,
  };
}
