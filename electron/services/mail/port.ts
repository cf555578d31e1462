/**
 * The types every mail protocol shares: what is sent, what a mailbox read finds, how a login
 * proves itself. Each protocol folder (ews/, graph/, smtp/,
 * imap/, mail-client/) speaks in these, so the run and the plans above never see a library's own.
 */

/** The header every test message carries with its run's id (FLOWS.md §11). */
export const TEST_RUN_HEADER = 'X-ERP-Test-Run';

/** How a test message is found again: never by subject, always by these two. */
export interface MessageMark {
  /** The run's id, sent in the TEST_RUN_HEADER. */
  runId: string;
  /** The Internet Message-ID the app sets, angle brackets included. */
  messageId: string;
}

/** The green icon's test message. Addresses as the dialog has them, trimmed. */
export interface OutgoingMessage {
  from: string;
  to: string;
  subject: string;
  /** Plain text naming the settings tested; never a secret. */
  body: string;
  mark: MessageMark;
}

/** What a mailbox read reports for the accounts grid. */
export interface InboxSummary {
  total: number;
  unread: number;
  /** The newest three subjects, newest first. */
  newestSubjects: string[];
  /** When the newest message arrived (ISO), when there is one. */
  newestAt?: string;
  serverVersion?: string;
}

/**
 * How a login over SMTP or IMAP proves itself: the account's user name and password (only ever
 * inside TLS), or an OAuth access token the token broker acquired (SASL XOAUTH2).
 */
export type MailCredentials =
  | { kind: 'password'; user: string; password: string }
  | { kind: 'xoauth2'; user: string; accessToken: string };

/** The secret a login carries, to cut out of every line it could reach. */
export const secretOf = (credentials: MailCredentials): string =>
  credentials.kind === 'password' ? credentials.password : credentials.accessToken;

/** A run's mark: its id, and a Message-ID in the sender's domain that names the run. */
export function markFor(runId: string, from: string): MessageMark {
  const domain = from.slice(from.lastIndexOf('@') + 1) || 'localhost';
  return { runId, messageId: `<erp-test.${runId}@${domain}>` };
}
