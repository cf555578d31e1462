import type { Agent, ClientRequest, IncomingHttpHeaders } from 'node:http';
import https from 'node:https';

/** Response headers as one string each, repeated ones joined as HTTP allows. */
function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers))
    if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
  return flat;
}

/**
 * Ends the request with ETIMEDOUT after `timeoutMs`: a socket timeout only measures idleness,
 * this bounds the whole exchange. Clear the timer it answers once the response has ended.
 */
const boundExchange = (req: ClientRequest, timeoutMs: number): NodeJS.Timeout =>
  setTimeout(
    () =>
      req.destroy(
        Object.assign(new Error(`Request timed out after ${timeoutMs} ms`), { code: 'ETIMEDOUT' }),
      ),
    timeoutMs,
  );

export interface HttpCall {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string | number>;
  body?: string;
  /** The whole exchange, connect to last byte. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Bytes of the body kept; the rest is read and dropped. */
  maxBody?: number;
  /** What a failure rejects with: the error as Node raised it, unless the caller names it. */
  describeError?: (error: NodeJS.ErrnoException, phase: 'request' | 'response') => Error;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/** One HTTPS request through `agent` (which holds the trust), its body read as UTF-8. */
export function httpsExchange(agent: Agent, call: HttpCall): Promise<HttpAnswer> {
  const { method, url, body, timeoutMs, signal, maxBody = Infinity } = call;
  const describe = call.describeError ?? ((error: Error) => error);
  const headers: Record<string, string | number> = { ...(call.headers ?? {}) };
  if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method, agent, headers, signal }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= maxBody) chunks.push(c);
      });
      res.on('error', (e: NodeJS.ErrnoException) => reject(describe(e, 'response')));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: flatHeaders(res.headers),
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    const timer = boundExchange(req, timeoutMs);
    req.on('error', (e: NodeJS.ErrnoException) => reject(describe(e, 'request')));
    req.on('close', () => clearTimeout(timer));
    req.end(body);
  });
}
