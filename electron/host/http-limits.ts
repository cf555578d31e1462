import type http from 'node:http';

/**
 * What the browser host allows a client, so that a stuck or hostile local client cannot hold it:
 * a request's headers and body must arrive within REQUEST_MS (Node answers 408 and closes), idle
 * keep-alive connections close after KEEPALIVE_MS, and there are caps on connections and on
 * event streams (each browser tab holds one). Node checks the request deadlines every
 * CHECK_INTERVAL_MS, so a half-sent request is gone within REQUEST_MS + CHECK_INTERVAL_MS.
 */
export const hostLimits = {
  REQUEST_MS: 7_000,
  CHECK_INTERVAL_MS: 1_000,
  KEEPALIVE_MS: 5_000,
  /** Far above what the app's own pages use (a few per tab), far below what exhausts the process. */
  MAX_CONNECTIONS: 256,
  MAX_EVENT_STREAMS: 32,
} as const;

/** The server options that must be given at creation (the deadline check's interval). */
export const limitedServerOptions: http.ServerOptions = {
  connectionsCheckingInterval: hostLimits.CHECK_INTERVAL_MS,
  requestTimeout: hostLimits.REQUEST_MS,
  headersTimeout: hostLimits.REQUEST_MS,
  keepAliveTimeout: hostLimits.KEEPALIVE_MS,
};

export function applyLimits(server: http.Server): void {
  server.maxConnections = hostLimits.MAX_CONNECTIONS;
}
