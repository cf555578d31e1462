import type { FailureFacts } from '../../../shared/diagnosis/failure';
import { networkFaultOf } from './network-fault';
import { seamFacts } from './seam-facts';

/**
 * What the wire said about a failed request, recorded below a client that hides it: msal-node
 * wraps socket errors in `network_error` and drops Retry-After; ews-javascript-api drops the body
 * of a non-SOAP answer. Codes and headers only; no request content.
 */
export interface WireFailure {
  status?: number;
  headers?: Record<string, unknown>;
  /** The start of a non-SOAP body, e.g. Exchange's plain-text 403 reason. */
  text?: string;
  /** A failure below HTTP (DNS, refused, TLS, reset, timeout). */
  error?: unknown;
}

const header = (headers: Record<string, unknown> | undefined, name: string): string | undefined => {
  const value = headers?.[name] ?? headers?.[name.toLowerCase()];
  return typeof value === 'string' ? value : undefined;
};

/** Retry-After as seconds (delta-seconds or an HTTP date). */
export function retryAfterSeconds(
  headers: Record<string, unknown> | undefined,
  now = Date.now(),
): number | undefined {
  const raw = header(headers, 'retry-after')?.trim();
  if (!raw) return undefined;
  if (/^\d+$/.test(raw)) return Number(raw);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** The scheme names of a (possibly combined) WWW- or Proxy-Authenticate value; parameters are skipped. */
export const authSchemesOf = (challenge: string): string[] =>
  challenge
    .split(',')
    .map((part) => part.trim().split(/\s+/)[0] ?? '')
    .filter((word) => /^[A-Za-z][\w-]*$/.test(word));

/** axios reports its own timeout as ECONNABORTED, which would otherwise read as a reset. */
const isTimeoutMessage = (message: string) =>
  /timeout of \d+ ?ms exceeded|timed out/i.test(message);

/** The HTTP and network facts a recorded failure adds to what the client reported. */
export function wireFacts(wire: WireFailure | undefined): Partial<FailureFacts> {
  if (!wire) return {};
  const facts: Partial<FailureFacts> = {};
  if (wire.status !== undefined && wire.status > 0) facts.httpStatus = wire.status;
  const diagnostics = header(wire.headers, 'x-ms-diagnostics');
  if (diagnostics) facts.msDiagnostics = diagnostics;
  // Exchange Online's EWS access controls say why only in this header, never in the body.
  const policyReason = header(wire.headers, 'x-ews-policy-reason');
  if (policyReason) facts.ewsPolicyReason = policyReason;
  const challenge = header(wire.headers, 'www-authenticate');
  if (challenge) facts.authSchemes = authSchemesOf(challenge);
  const requestId = header(wire.headers, 'request-id') ?? header(wire.headers, 'client-request-id');
  if (requestId) facts.correlationId = requestId;
  const retryAfter = retryAfterSeconds(wire.headers);
  if (retryAfter !== undefined) facts.retryAfterSeconds = retryAfter;
  if (wire.error !== undefined) {
    const message = wire.error instanceof Error ? wire.error.message : '';
    const fault = isTimeoutMessage(message) ? 'timeout' : networkFaultOf(wire.error);
    if (fault) facts.network = fault;
    if (message) facts.message = message;
    Object.assign(facts, seamFacts(wire.error));
  }
  return facts;
}

export const hostLabel = (host: string, via?: string) => (via ? `${host}, via the ${via}` : host);

/** The failed host as the Result names it, and how it was reached (demo tenant, proxy, direct). */
export const routeFacts = (
  route: { via?: string; network?: string },
  host: string,
): Pick<FailureFacts, 'host' | 'route'> => ({
  host: hostLabel(host, route.via),
  ...(route.network ? { route: route.network } : {}),
});
