import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { AppError } from '../../../../shared/contract/errors';
import type { FailureFacts, ProxyFault } from '../../../../shared/diagnosis/failure';
import type { ImapRoute } from '../../network/route';
import { proxyFaultKind } from '../../network/proxy/proxy-error';
import { networkFaultOf } from '../../network/network-fault';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../../network/timeouts';
import { secretOf, type MailCredentials } from '../port';
import { redactSecrets } from '../../base/redact';
import { imapTlsOptions } from '../../network/trust';

/** The port implicit-TLS IMAP listens on when the settings say 0 (the service default). */
export const IMAP_TLS_PORT = 993;
const NEWEST_COUNT = 3;

export interface ImapValidationRequest {
  host: string;
  /** 0 means the service default, 993. */
  port: number;
  credentials: MailCredentials;
  /** A CA to trust next to the system roots (a test server's throw-away CA). */
  extraCaPem?: string;
  /** How the connection goes: direct, or imapflow's own tunnel through the proxy. */
  route?: ImapRoute;
  /** The whole validation, connect to logout. */
  timeoutMs?: number;
  /** Aborting closes the connection at once; the validation then rejects with AppError('cancelled'). */
  signal?: AbortSignal;
}

export type ImapValidationResult =
  | { ok: true; total: number; unread: number; newest: string[]; newestAt?: string }
  | { ok: false; facts: FailureFacts };

/** What imapflow adds to the errors it raises (see its ImapFlowError); all optional. */
interface ImapErrorDetails {
  authenticationFailed?: boolean;
  responseText?: string;
  serverResponseCode?: string;
  message?: string;
}

/**
 * imapflow's own tunnel reports the proxy's answer only as text ("Invalid response from proxy:
 * 407", code EPROXY); read into the same facts the seam's tunnel gives, naming the proxy.
 */
function imapProxyFault(error: unknown, request: ImapValidationRequest): ProxyFault | undefined {
  const proxy = request.route?.proxy;
  const inner = typeof error === 'object' && error !== null && '_err' in error ? error._err : error;
  if (!proxy || !(inner instanceof Error) || (inner as { code?: string }).code !== 'EPROXY')
    return undefined;
  const status = Number(/proxy: (\d{3})/.exec(inner.message)?.[1] ?? 0);
  const target = `${request.host}:${request.port === 0 ? IMAP_TLS_PORT : request.port}`;
  const kind = status ? proxyFaultKind(status) : 'down';
  return { kind, proxy: proxy.label, source: proxy.source, target, ...(status ? { status } : {}) };
}

/** The proxy password imapflow was given inside its proxy URL, so no message can carry it. */
const proxyPasswordOf = ({ route }: ImapValidationRequest): string => {
  const password = route?.proxyUrl ? new URL(route.proxyUrl).password : '';
  return password ? decodeURIComponent(password) : '';
};

export function imapFailureFacts(
  error: unknown,
  request: ImapValidationRequest,
  timedOut: boolean,
): FailureFacts {
  const details: ImapErrorDetails = typeof error === 'object' && error !== null ? error : {};
  const network = timedOut ? 'timeout' : networkFaultOf(error);
  let message: string;
  // Our timer and imapflow's own timeouts race; whichever fires, the user reads the same sentence.
  if (network === 'timeout')
    message = `The IMAP server did not answer within ${request.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS} ms.`;
  else if (details.authenticationFailed || details.responseText) {
    const code = details.serverResponseCode ? `[${details.serverResponseCode}] ` : '';
    message = `${code}${details.responseText || details.message || 'Authentication failed.'}`;
  } else message = details.message || String(error);
  const proxy = imapProxyFault(error, request);
  return {
    step: 'imap',
    ...(network && !proxy ? { network } : {}),
    ...(proxy ? { proxy } : {}),
    ...(request.route ? { route: request.route.network } : {}),
    message: redactSecrets(message, [secretOf(request.credentials), proxyPasswordOf(request)]),
    host: request.host,
  };
}

/** The newest subjects, newest first by when the server received them; when the newest came. */
async function newestOf(
  client: ImapFlow,
  exists: number,
): Promise<{ subjects: string[]; newestAt?: string }> {
  if (exists === 0) return { subjects: [] };
  const from = Math.max(1, exists - NEWEST_COUNT + 1);
  const messages = await client.fetchAll(`${from}:*`, { envelope: true, internalDate: true });
  const time = (date: Date | string | undefined) => (date ? new Date(date).getTime() : 0);
  const newest = messages
    .sort((a, b) => time(b.internalDate) - time(a.internalDate) || b.seq - a.seq)
    .slice(0, NEWEST_COUNT);
  const at = newest[0]?.internalDate;
  return {
    subjects: newest.map((m) => m.envelope?.subject || '(no subject)'),
    ...(at ? { newestAt: new Date(at).toISOString() } : {}),
  };
}

/**
 * imapflow's options for one login: implicit TLS only (STARTTLS would let a server that does not
 * offer it get the password in clear), verification as `tls` says, no IDLE, every timeout set.
 */
export function imapFlowOptions(
  endpoint: { host: string; port: number; credentials: MailCredentials; route?: ImapRoute },
  tls: ImapFlowOptions['tls'],
  timeoutMs: number,
): ImapFlowOptions {
  const { host, port, credentials, route } = endpoint;
  return {
    host,
    port: port === 0 ? IMAP_TLS_PORT : port,
    secure: true,
    tls,
    ...(route?.proxyUrl ? { proxy: route.proxyUrl } : {}),
    auth:
      credentials.kind === 'password'
        ? { user: credentials.user, pass: credentials.password }
        : { user: credentials.user, accessToken: credentials.accessToken },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  };
}

/**
 * Proves an account can read its inbox: logs in over TLS (verification always on) and opens
 * INBOX read-only, answering its counts and newest subjects, or the facts of the failure for the
 * diagnosis table. Never throws for a server or network failure; only cancellation rejects.
 */
export async function validateImapAccount(
  request: ImapValidationRequest,
): Promise<ImapValidationResult> {
  const { host, credentials, extraCaPem, signal } = request;
  const timeoutMs = request.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  if (signal?.aborted) throw new AppError('cancelled', 'The validation was cancelled.');

  const options = imapFlowOptions(
    { host, port: request.port, credentials, route: request.route },
    imapTlsOptions(extraCaPem),
    timeoutMs,
  );
  const client = new ImapFlow(options);
  // Failures reach us through the rejected command; the event would otherwise be unhandled.
  client.on('error', () => undefined);

  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    client.close();
  }, timeoutMs);
  const onAbort = () => client.close();
  signal?.addEventListener('abort', onAbort, { once: true });

  try {
    await client.connect();
    const status = await client.status('INBOX', { messages: true, unseen: true });
    const inbox = await client.mailboxOpen('INBOX', { readOnly: true });
    const { subjects: newest, newestAt } = await newestOf(client, inbox.exists);
    await client.logout();
    return {
      ok: true,
      total: inbox.exists,
      unread: (status && status.unseen) || 0,
      newest,
      ...(newestAt ? { newestAt } : {}),
    };
  } catch (error) {
    client.close();
    if (signal?.aborted) throw new AppError('cancelled', 'The validation was cancelled.');
    return { ok: false, facts: imapFailureFacts(error, request, timedOut) };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
