import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import tls from 'node:tls';

export interface ProxyCredentials {
  user: string;
  password: string;
}

export interface TunnelAnswer {
  /** The proxy's status for the CONNECT (200 means the tunnel is open). */
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The open tunnel (status 200), or null: anything else is closed here. */
  socket: net.Socket | null;
}

export const basicAuthorization = ({ user, password }: ProxyCredentials): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/**
 * Asks a forward proxy for a tunnel with a bare `CONNECT host:port`, as every client behind a
 * company proxy does, so tests see the proxy's own answer (200, 403, 407) before any TLS.
 */
export function connectThrough(
  proxyUrl: string,
  target: string,
  credentials?: ProxyCredentials,
): Promise<TunnelAnswer> {
  const proxy = new URL(proxyUrl);
  const headers: Record<string, string> = { host: target };
  if (credentials) headers['proxy-authorization'] = basicAuthorization(credentials);
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: proxy.hostname,
      port: Number(proxy.port),
      method: 'CONNECT',
      path: target,
      headers,
    });
    request.once('connect', (response: http.IncomingMessage, socket: net.Socket) => {
      const open = response.statusCode === 200;
      if (!open) socket.destroy();
      resolve({
        status: response.statusCode ?? 0,
        headers: response.headers,
        socket: open ? socket : null,
      });
    });
    request.once('error', reject);
    request.setTimeout(10_000, () => request.destroy(new Error(`CONNECT ${target}: no answer`)));
    request.end();
  });
}

export interface TunnelledResponse {
  status: number;
  body: string;
  /** The common name of the issuer of the certificate the client was shown. */
  issuer: string;
}

/**
 * One HTTPS GET over an open tunnel, verifying the certificate for the URL's host against `caPem`
 * only (never the system roots), so a pass proves who signed what the client saw.
 */
export function getOverTunnel(
  socket: net.Socket,
  url: string,
  caPem: string,
): Promise<TunnelledResponse> {
  const { hostname } = new URL(url);
  return new Promise((resolve, reject) => {
    const secure = tls.connect({ socket, servername: hostname, ca: [caPem] });
    secure.once('error', reject);
    const request = https.get(url, { createConnection: () => secure }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('end', () => {
        const issuer = [secure.getPeerCertificate().issuer.CN].flat().join(', ');
        secure.destroy();
        resolve({
          status: response.statusCode ?? 0,
          body: Buffer.concat(chunks).toString(),
          issuer,
        });
      });
      response.once('error', reject);
    });
    request.once('error', reject);
    request.setTimeout(10_000, () => request.destroy(new Error(`GET ${url}: no answer`)));
  });
}
