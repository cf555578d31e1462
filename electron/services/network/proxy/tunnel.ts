import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import type { ProxyFault } from '../../../../shared/diagnosis/failure';
import { proxyLabel, sourceText, type ProxyServer, type ProxySource } from './proxy-choice';
import { ProxyError, proxyFaultKind } from './proxy-error';
import { authSchemesOf } from '../recorded-failure';
import { systemTrust } from '../system-store';

export interface TunnelRequest {
  proxy: ProxyServer;
  source: ProxySource;
  /** The host and port the proxy is asked to connect to. */
  host: string;
  port: number;
  timeoutMs: number;
}

/** The proxy's own socket: TLS to an https:// proxy (trusting the OS store), else plain TCP. */
function socketToProxy(url: URL): net.Socket {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (url.protocol === 'https:')
    return tls.connect({
      host,
      port: Number(url.port) || 443,
      ca: systemTrust(),
      servername: net.isIP(host) ? undefined : host,
    });
  return net.connect({ host, port: Number(url.port) || 80 });
}

async function authorization(proxy: ProxyServer): Promise<string | undefined> {
  if (!proxy.user) return undefined;
  const password = (await proxy.password?.()) ?? '';
  return `Basic ${Buffer.from(`${proxy.user}:${password}`, 'utf8').toString('base64')}`;
}

/** What a CONNECT answer other than 200 means, as the diagnosis reads it. */
function refusal(status: number, facts: Omit<ProxyFault, 'kind'>, challenge?: string | string[]) {
  const kind = proxyFaultKind(status);
  if (kind !== 'auth') return { ...facts, kind };
  return { ...facts, kind, schemes: authSchemesOf([challenge ?? []].flat().join(', ')) };
}

/**
 * A TCP path to `host:port` through an HTTP proxy (CONNECT), for HTTPS, SMTP and IMAP alike.
 * Node's HTTP client speaks CONNECT; this adds what a diagnosis needs from the answer (407 and
 * its schemes, the proxy's own 403/502-504, silence) and the Basic credentials. The proxy's socket
 * is handed out at once so a cancel can destroy it while the tunnel is still being set up.
 */
export function openTunnel(request: TunnelRequest): {
  socket: net.Socket;
  connected: Promise<net.Socket>;
} {
  const { proxy, host, port, timeoutMs } = request;
  const target = `${net.isIPv6(host) ? `[${host}]` : host}:${port}`;
  const base = { proxy: proxyLabel(proxy), source: sourceText(request.source), target };
  const socket = socketToProxy(proxy.url);
  // The proxy may refuse while the password is still being read: kept here, not thrown unheard.
  let early: NodeJS.ErrnoException | undefined;
  socket.on('error', (error: NodeJS.ErrnoException) => (early ??= error));
  const connected = (async () => {
    const auth = await authorization(proxy).catch((error: unknown) => {
      socket.destroy();
      throw error;
    });
    const facts = { ...base, credentialsSent: auth !== undefined };
    return new Promise<net.Socket>((resolve, reject) => {
      const fail = (fault: ProxyFault, detail?: string) => {
        socket.destroy();
        reject(new ProxyError(fault, detail));
      };
      if (early) return fail({ ...facts, kind: 'down' }, early.code ?? early.message);
      const timer = setTimeout(
        () => fail({ ...facts, kind: 'timeout' }, `no answer in ${timeoutMs} ms`),
        timeoutMs,
      );
      const req = http.request({
        method: 'CONNECT',
        path: target,
        headers: { host: target, ...(auth ? { 'proxy-authorization': auth } : {}) },
        createConnection: () => socket,
      });
      req.once('connect', (res, tunnel, head) => {
        clearTimeout(timer);
        const status = res.statusCode ?? 0;
        if (status !== 200)
          return fail({ ...refusal(status, facts, res.headers['proxy-authenticate']), status });
        if (head.length > 0) tunnel.unshift(head);
        resolve(tunnel);
      });
      req.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        fail({ ...facts, kind: 'down' }, error.code ?? error.message);
      });
      req.end();
    });
  })();
  return { socket, connected };
}
