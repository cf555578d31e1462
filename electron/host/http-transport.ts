import { randomBytes, timingSafeEqual } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Result } from '../../shared/contract';
import { securityHeaders } from './content-policy';
import type { Dispatch } from './dispatch';
import type { EventSource } from './event-hub';
import { applyLimits, hostLimits, limitedServerOptions } from './http-limits';
import { readStaticFile } from './static-files';

export const MAX_BODY_BYTES = 1024 * 1024;
const KEEPALIVE_MS = 25_000;

export interface HttpHostOptions {
  dispatch: Dispatch;
  events: EventSource;
  rendererDir: string;
  /** 0 (the default) lets the OS pick a free port. */
  port?: number;
}

export interface HttpHost {
  port: number;
  token: string;
  /** The address to open: the token rides in the fragment, which browsers never send to a server. */
  launchUrl: string;
  close(): Promise<void>;
}

class HttpRefusal extends Error {
  constructor(readonly status: number) {
    super(String(status));
  }
}

const sameSecret = (given: string, expected: Buffer) => {
  const candidate = Buffer.from(given);
  return candidate.length === expected.length && timingSafeEqual(candidate, expected);
};

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) return reject(new HttpRefusal(413));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Stop reading; the 413 is sent with Connection: close, which drops the rest.
        req.removeAllListeners('data');
        req.pause();
        reject(new HttpRefusal(413));
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

const badRequest = (message: string): Result => ({
  ok: false,
  error: { code: 'bad-input', message },
});

const send = (res: ServerResponse, status: number, body = '', contentType?: string) => {
  res.writeHead(status, {
    ...securityHeaders,
    'Cache-Control': 'no-store',
    ...(status === 413 ? { Connection: 'close' } : {}),
    ...(contentType ? { 'Content-Type': contentType } : {}),
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
};

const sendResult = (res: ServerResponse, status: number, result: Result) =>
  send(res, status, JSON.stringify(result), 'application/json; charset=utf-8');

/** What the request handlers share for one running host. */
interface HostContext {
  options: HttpHostOptions;
  expectedAuth: Buffer;
  /** The open event streams, ended when the host closes. */
  streams: Set<ServerResponse>;
  /** The port the host listens on (known once it listens). */
  port(): number;
}

/** POST /api/invoke: `{ method, input }` in, the dispatch's Result out. */
async function invoke(dispatch: Dispatch, req: IncomingMessage, res: ServerResponse) {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new HttpRefusal(415);
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req));
  } catch (error) {
    if (error instanceof HttpRefusal) throw error;
    return sendResult(res, 400, badRequest('The request body is not valid JSON.'));
  }
  if (
    typeof body !== 'object' ||
    body === null ||
    typeof (body as { method?: unknown }).method !== 'string'
  ) {
    return sendResult(res, 400, badRequest('The request body must be { method, input }.'));
  }
  const { method, input } = body as { method: string; input?: unknown };
  sendResult(res, 200, await dispatch(method, input));
}

/** GET /api/events: the events main pushes, as server-sent events. */
function stream(context: HostContext, req: IncomingMessage, res: ServerResponse) {
  const { streams } = context;
  // Each tab holds one; more than any person opens means a leak or a client gone wrong.
  if (streams.size >= hostLimits.MAX_EVENT_STREAMS) throw new HttpRefusal(503);
  res.writeHead(200, {
    ...securityHeaders,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  res.write(': connected\n\n');
  const unsubscribe = context.options.events.subscribe((name, payload) => {
    res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
  });
  const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
  keepalive.unref();
  streams.add(res);
  req.on('close', () => {
    clearInterval(keepalive);
    unsubscribe();
    streams.delete(res);
  });
}

async function api(context: HostContext, req: IncomingMessage, res: ServerResponse, path: string) {
  if (!sameSecret(req.headers.authorization ?? '', context.expectedAuth))
    throw new HttpRefusal(401);
  if (path === '/api/invoke') {
    if (req.method !== 'POST') throw new HttpRefusal(405);
    return invoke(context.options.dispatch, req, res);
  }
  if (path === '/api/events') {
    if (req.method !== 'GET') throw new HttpRefusal(405);
    return stream(context, req, res);
  }
  throw new HttpRefusal(404);
}

/** The built renderer, for GET and HEAD. */
async function files(rendererDir: string, req: IncomingMessage, res: ServerResponse, path: string) {
  if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpRefusal(405);
  const file = await readStaticFile(rendererDir, path);
  res.writeHead(file.status, {
    ...securityHeaders,
    'Content-Type': file.contentType,
    'Content-Length': Buffer.byteLength(file.body),
    'Cache-Control': 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : file.body);
}

/** The Host, Origin and Sec-Fetch-Site checks, then the API or a file. */
async function route(context: HostContext, req: IncomingMessage, res: ServerResponse) {
  const host = req.headers.host;
  const port = context.port();
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) throw new HttpRefusal(403);
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) throw new HttpRefusal(403);
  if (req.headers['sec-fetch-site'] === 'cross-site') throw new HttpRefusal(403);
  if (req.method === 'OPTIONS') throw new HttpRefusal(405);

  const pathname = (req.url ?? '/').split(/[?#]/)[0] ?? '/';
  if (pathname === '/api' || pathname.startsWith('/api/')) return api(context, req, res, pathname);
  return files(context.options.rendererDir, req, res, pathname);
}

const listen = (server: http.Server, port: number) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });

/**
 * The browser host's transport: the built renderer and the contract's dispatch over HTTP on
 * 127.0.0.1. The API needs the per-launch bearer token; the Host, Origin and Sec-Fetch-Site checks
 * stop DNS rebinding and other sites' pages, and no CORS header is ever sent.
 */
export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = randomBytes(32).toString('base64url');
  let port = 0;
  const context: HostContext = {
    options,
    expectedAuth: Buffer.from(`Bearer ${token}`),
    streams: new Set(),
    port: () => port,
  };
  const server = http.createServer(limitedServerOptions, (req, res) => {
    route(context, req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      send(res, error instanceof HttpRefusal ? error.status : 500);
    });
  });
  applyLimits(server);
  port = await listen(server, options.port ?? 0);

  return {
    port,
    token,
    launchUrl: `http://127.0.0.1:${port}/#token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of context.streams) res.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
