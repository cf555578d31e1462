import type http from 'node:http';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { XhrApi } from 'ews-javascript-api';
import { httpsExchange, type HttpAnswer, type HttpCall } from './http-exchange';
import { createTrustedAgent } from './trust';
import { DEFAULT_REQUEST_TIMEOUT_MS } from './timeouts';

export interface TrustedTransportOptions {
  /** A CA to trust next to the system roots, e.g. the demo tenant's throw-away CA. */
  extraCaPem?: string;
  /** The agent that holds trust and route (Microsoft 365's, through the proxy); else a direct one. */
  agent?: http.Agent;
  /** Per-request limit: the whole exchange, connect to last byte. */
  timeoutMs?: number;
}

export interface TrustedTransport {
  agent: http.Agent;
  /** For msal-node's `system.networkClient`. */
  msalNetworkClient: INetworkModule;
  /** A fresh XhrApi for one ExchangeService (`service.XHRApi = ...`). */
  ewsXhrApi(): XhrApi;
  /** One HTTPS request (Microsoft Graph), bounded by the transport's timeout unless it sets one. */
  exchange(call: Omit<HttpCall, 'timeoutMs'> & { timeoutMs?: number }): Promise<HttpAnswer>;
}

/** Raised when an HTTPS exchange fails below HTTP (DNS, refused, TLS, reset, timeout). */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly url: string,
    cause?: unknown,
  ) {
    super(message, { cause });
    this.name = 'TransportError';
  }
}

/** The host of `url` and what went wrong, as msal-node's caller reads it (never the body). */
const transportError = (url: string) => (e: NodeJS.ErrnoException, phase: 'request' | 'response') =>
  new TransportError(
    `${phase === 'request' ? 'Request to' : 'Response from'} ${new URL(url).host} failed: ${e.message}`,
    e.code,
    url,
    e,
  );

/** msal-node's network seam over the trusted agent; bodies are JSON as msal expects. */
function createMsalNetworkClient(
  agent: http.Agent,
  timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
): INetworkModule {
  const send = async <T>(
    method: 'GET' | 'POST',
    url: string,
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> => {
    const res = await httpsExchange(agent, {
      method,
      url,
      headers: options?.headers,
      body: method === 'POST' ? (options?.body ?? '') : undefined,
      timeoutMs: Math.min(timeout ?? timeoutMs, timeoutMs),
      describeError: transportError(url),
    });
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
function createEwsXhrApi(agent: http.Agent, timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS): XhrApi {
  // `proxy: false`: axios would otherwise follow HTTPS_PROXY itself, around the seam's agent (which
  // already went the way the proxy setting says) and without its trust or diagnosis.
  return new XhrApi({ httpsAgent: agent, timeout: timeoutMs, proxy: false });
}

export function createTrustedTransport(options: TrustedTransportOptions = {}): TrustedTransport {
  const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const agent = options.agent ?? createTrustedAgent(options.extraCaPem);
  return {
    agent,
    msalNetworkClient: createMsalNetworkClient(agent, timeoutMs),
    ewsXhrApi: () => createEwsXhrApi(agent, timeoutMs),
    exchange: (call) => httpsExchange(agent, { ...call, timeoutMs: call.timeoutMs ?? timeoutMs }),
  };
}
