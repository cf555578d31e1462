/**
 * The limit of one request of any protocol (token, EWS, Graph, SMTP wait, IMAP session), connect
 * to last byte, unless a caller sets its own: one value, so no protocol gives up before another.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
