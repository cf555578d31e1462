import { simpleParser } from 'mailparser';
import {
  bouncedRecipient,
  parseDeliveryStatus,
  type DeliveryStatus,
} from '../../../shared/diagnosis/dsn';
import type { FailureFacts } from '../../../shared/diagnosis/failure';
import { TEST_RUN_HEADER, type MessageMark } from './port';

/** What an NDR says, read from its parts (RFC 6522, RFC 3464), never from its prose. */
export interface NonDeliveryReport {
  status: DeliveryStatus;
  /** The bounced message's Message-ID and run header, from the returned original headers. */
  originalMessageId?: string;
  originalRunId?: string;
}

const headerValue = (headers: string, name: string): string | undefined => {
  const unfolded = headers.replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded
    .split(/\r?\n/)
    .find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
};

/**
 * Reads an NDR's MIME: its message/delivery-status part and the original's headers (a
 * text/rfc822-headers part, or a whole message/rfc822). Undefined when it carries no DSN.
 */
export async function readNonDeliveryReport(mime: string): Promise<NonDeliveryReport | undefined> {
  // Kept as an attachment, the delivery-status part is not folded into the message's text.
  const parsed = await simpleParser(mime, { keepDeliveryStatus: true });
  const parts = parsed.attachments.map((a) => ({
    type: a.contentType,
    text: a.content.toString(),
  }));
  const dsn = parts.find((p) => p.type === 'message/delivery-status');
  if (!dsn) return undefined;
  const original = parts.find(
    (p) => p.type === 'text/rfc822-headers' || p.type === 'message/rfc822',
  )?.text;
  const headers = original?.split(/\r?\n\r?\n/)[0] ?? '';
  return {
    status: parseDeliveryStatus(dsn.text),
    originalMessageId: headerValue(headers, 'Message-ID'),
    originalRunId: headerValue(headers, TEST_RUN_HEADER),
  };
}

/** Whether the NDR is about this run's message: its Message-ID or its run header, exactly. */
export const isAbout = (ndr: NonDeliveryReport, mark: MessageMark): boolean =>
  ndr.originalMessageId === mark.messageId || ndr.originalRunId === mark.runId;

/** The bounce as failure facts for the diagnosis table: the DSN's status, the remote text. */
export function bounceFacts(ndr: NonDeliveryReport): FailureFacts | undefined {
  const recipient = bouncedRecipient(ndr.status);
  if (!recipient) return undefined;
  return {
    step: 'delivery',
    host: `${recipient.status} for ${recipient.finalRecipient}`,
    message: recipient.diagnosticCode ?? `Status ${recipient.status}`,
    dsn: {
      status: recipient.status,
      action: recipient.action,
      recipient: recipient.finalRecipient,
      remoteMta: recipient.remoteMta,
    },
  };
}
