/** The messages the demo's mailboxes hold. */

export interface StoredMessage {
  itemId: string;
  changeKey: string;
  internetMessageId: string;
  subject: string;
  body: string;
  bodyType: 'HTML' | 'Text';
  from: string;
  to: string[];
  cc: string[];
  /** ISO time; the demo's clock. */
  receivedAt: string;
  isRead: boolean;
  /** Internet headers the sender added beyond the usual ones (X-…), by name as sent. */
  headers: Record<string, string>;
  /** The whole message as MIME, when the tenant wrote it so (an NDR). */
  mime?: string;
}

export type FolderName = 'inbox' | 'sentitems';

/** A message as a client hands it over, before the store gives it an id. */
export type NewMessage = Omit<StoredMessage, 'itemId' | 'changeKey' | 'isRead' | 'receivedAt'>;

/** Exchange Online's NDR usually arrives within seconds of the send. */
export const DEFAULT_BOUNCE_DELAY_MS = 2_000;
