import type { OutgoingMessage } from './port';
import type { StepContext } from './step-context';

/** What a successful send reports for the Result, after `OK!` and the step timings. */
export interface SendReport {
  /** Detail lines, e.g. "SMTP banner: 220 …", "TLS: TLSv1.3, certificate CN=… (expires …)". */
  lines: string[];
  /** Microsoft's id of the request that took the message (Graph's request-id), for the Test log. */
  requestId?: string;
}

/**
 * One way of sending the test message (FLOWS.md §3, §7, §9): EWS, SMTP, Microsoft Graph, the mail
 * client. A plain-Node class over a well-kept library, built for one run with its endpoint and
 * credentials. It runs its own timed steps through `context.step` and throws `RunFailure` (facts
 * the diagnosis table reads) when one fails.
 */
export interface Sender {
  send(message: OutgoingMessage, context: StepContext): Promise<SendReport>;
}
