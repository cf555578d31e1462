import https from 'node:https';
import tls from 'node:tls';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { XhrApi } from 'ews-javascript-api';
import { boundExchange, flatHeaders } from './http-exchange';
import { DEFAULT_REQUEST_TIMEOUT_MS } from './timeouts';

export interface TrustedTransportOptions {
  /** A CA to trust next to the system roots, e.g. the demo tenant's throw-away CA. */
  extraCaPem?: string;
  /** Per-request limit: the whole exchange, connect to last byte. */
  timeoutMs?: number;
}

export interface TrustedTransport {
  agent: https.Agent;
  /** For msal-node's `system.networkClient`. */
  msalNetworkClient: INetworkModule;
  /** A fresh XhrApi for one ExchangeService (`service.XHRApi = ...`). */
  ewsXhrApi(): XhrApi;
}

/** Raised when an HTTPS exchange fails below HTTP (DNS, refused, TLS, reset, timeout). */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly url: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

/**
 * An agent that trusts the system roots plus `extraCaPem`. Passing only the extra CA would
 * replace the roots (node's `ca` option), so both are listed. Verification stays on. The trust
 * store is parsed once into a secure context: given as `ca`, Node parses the ~150 roots again for
 * every new connection (about 25 ms each on this project's 2-core machines, BENCHMARKS.md).
 */
export function createTrustedAgent(extraCaPem?: string): https.Agent {
  const ca = trustedCertificates(extraCaPem);
  return new https.Agent({ keepAlive: true, secureContext: tls.createSecureContext({ ca }) });
}

/** The system roots, and `extraCaPem` beside them (never instead of them). */
export const trustedCertificates = (extraCaPem?: string): string[] =>
  extraCaPem ? [...tls.rootCertificates, extraCaPem] : [...tls.rootCertificates];

function request(
  agent: https.Agent,
  method: 'GET' | 'POST',
  url: string,
  options: NetworkRequestOptions | undefined,
  timeoutMs: number,
): Promise<{ status: number; headers: Record<string, string>; text: string }> {
  return new Promise((resolve, reject) => {
    const body = method === 'POST' ? (options?.body ?? '') : undefined;
    const headers: Record<string, string | number> = { ...(options?.headers ?? {}) };
    if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
    const req = https.request(url, { method, agent, headers, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e: NodeJS.ErrnoException) =>
        reject(
          new TransportError(
            `Response from ${new URL(url).host} failed: ${e.message}`,
            e.code,
            url,
          ),
        ),
      );
      res.on('end', () => {
        resolve({
          status: res.statusCode ?? 0,
          headers: flatHeaders(res.headers),
          text: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    const timer = boundExchange(req, timeoutMs);
    req.on('timeout', () =>
      req.destroy(
        Object.assign(new Error(`Request timed out after ${timeoutMs} ms`), { code: 'ETIMEDOUT' }),
      ),
    );
    req.on('error', (e: NodeJS.ErrnoException) =>
      reject(
        new TransportError(`Request to ${new URL(url).host} failed: ${e.message}`, e.code, url),
      ),
    );
    req.on('close', () => clearTimeout(timer));
    req.end(body);
  });
}

/** msal-node's network seam over the trusted agent; bodies are JSON as msal expects. */
export function createMsalNetworkClient(
  agent: https.Agent,
  timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
): INetworkModule {
  const send = async <T>(
    method: 'GET' | 'POST',
    url: string,
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> => {
    const res = await request(
      agent,
      method,
      url,
      options,
      Math.min(timeout ?? timeoutMs, timeoutMs),
    );
    let body: T;
    try {
      body = JSON.parse(res.text) as T;
    } catch {
      throw new TransportError(
        `${new URL(url).host} answered HTTP ${res.status} without JSON`,
        undefined,
        url,
      );
    }
    return { status: res.status, headers: res.headers, body };
  };
  return {
    sendGetRequestAsync: (url, options, timeout) => send('GET', url, options, timeout),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}

/** ews-javascript-api's transport (axios under @ewsjs/xhr): its own Timeout property does nothing, this one does. */
export function createEwsXhrApi(
  agent: https.Agent,
  timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
): XhrApi {
  return new XhrApi({ httpsAgent: agent, timeout: timeoutMs });
}

export function createTrustedTransport(options: TrustedTransportOptions = {}): TrustedTransport {
  const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const agent = createTrustedAgent(options.extraCaPem);
  return {
    agent,
    msalNetworkClient: createMsalNetworkClient(agent, timeoutMs),
    ewsXhrApi: () => createEwsXhrApi(agent, timeoutMs),
  };
}
