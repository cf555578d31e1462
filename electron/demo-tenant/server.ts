import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { AutodiscoverEndpoint } from './autodiscover';
import { CONTROL_PREFIX, handleControl } from './control';
import type { DemoCertificates } from './certs';
import { EWS_PATH, ON_PREM_EWS_PATH, type EwsEndpoint } from './ews';
import { GRAPH_PREFIX, type GraphEndpoint } from './graph';
import { BodyTooLargeError, sendJson } from './http';
import { matchIdentityRoute } from './entra-discovery';
import type { IdentityEndpoint } from './identity';
import type { DemoTenantOperations } from './operations';
import type { DemoEndpoint } from '../../shared/demo/switches';
import type { Fault, Traffic } from './traffic';

export interface DemoServerParts {
  certificates: DemoCertificates;
  identity: IdentityEndpoint;
  ews: EwsEndpoint;
  graph: GraphEndpoint;
  autodiscover: AutodiscoverEndpoint;
  traffic: Traffic;
  operations: DemoTenantOperations;
  controlToken: string;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

function route(
  parts: DemoServerParts,
  req: IncomingMessage,
): { endpoint: DemoEndpoint; handler: Handler } | undefined {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  if (path.toLowerCase() === EWS_PATH.toLowerCase() && req.method === 'POST') {
    return { endpoint: 'ews', handler: (q, s) => parts.ews.handle(q, s) };
  }
  if (path.toLowerCase() === ON_PREM_EWS_PATH.toLowerCase() && req.method === 'POST')
    return { endpoint: 'ews', handler: (q, s) => parts.ews.handleOnPremises(q, s) };
  if (parts.autodiscover.matches(req.method ?? 'GET', path))
    return { endpoint: 'autodiscover', handler: (q, s) => parts.autodiscover.handle(q, s) };
  if (path.startsWith(GRAPH_PREFIX))
    return { endpoint: 'graph', handler: (q, s) => parts.graph.handle(q, s) };
  const identity = matchIdentityRoute(req.method ?? 'GET', path);
  if (identity) {
    return {
      // Instance discovery is counted, and faulted, with the discovery document it points to.
      endpoint: identity.route === 'instance-discovery' ? 'openid-configuration' : identity.route,
      handler: (q, s) => parts.identity.handle(identity, q, s),
    };
  }
  return undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Seconds, or the HTTP date they end at (rounded up to the next whole second). */
const retryAfter = ({ retryAfterSeconds = 0, retryAfterAsDate }: Fault): string =>
  retryAfterAsDate
    ? new Date(Math.ceil(Date.now() / 1000) * 1000 + retryAfterSeconds * 1000).toUTCString()
    : String(retryAfterSeconds);

/** Counts the request, applies an injected fault, then serves it. */
async function serve(
  parts: DemoServerParts,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if ((req.url ?? '').startsWith(CONTROL_PREFIX))
    return handleControl(req, res, parts.operations, parts.controlToken);
  const matched = route(parts, req);
  if (!matched) return sendJson(res, 404, { error: 'not_found' });
  parts.traffic.count(matched.endpoint);
  const fault = parts.traffic.take(matched.endpoint);
  if (fault?.latencyMs) await sleep(fault.latencyMs);
  if (fault?.reset) {
    req.socket.destroy();
    return;
  }
  if (fault?.status) {
    const headers: Record<string, string> =
      fault.retryAfterSeconds !== undefined ? { 'retry-after': retryAfter(fault) } : {};
    return sendJson(
      res,
      fault.status,
      { error: fault.status === 429 ? 'too_many_requests' : 'temporarily_unavailable' },
      headers,
    );
  }
  await matched.handler(req, res);
}

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

/** One HTTPS server (127.0.0.1 unless `host` says otherwise) for Entra, EWS and the control API. */
export async function listen(
  parts: DemoServerParts,
  port = 0,
  host = '127.0.0.1',
): Promise<RunningServer> {
  const server = https.createServer(
    { cert: parts.certificates.certPem, key: parts.certificates.keyPem },
    (req, res) => {
      serve(parts, req, res).catch((error: unknown) => {
        if (res.headersSent) return res.destroy();
        if (error instanceof BodyTooLargeError)
          return sendJson(res, 413, { error: 'request_too_large' });
        // No detail leaves the server: it could carry request content.
        sendJson(res, 500, { error: 'server_error' });
      });
    },
  );
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

export function newControlToken(): string {
  return randomBytes(32).toString('base64url');
}
