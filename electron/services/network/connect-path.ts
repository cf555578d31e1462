import net from 'node:net';
import tls from 'node:tls';
import type { CertificateFacts } from '../../../shared/diagnosis/failure';
import { CertificateError, certificateFacts } from './certificate-facts';
import type { ProxyChoice } from './proxy/proxy-choice';
import type { ProxyResolver } from './proxy/proxy-resolver';
import { openTunnel } from './proxy/tunnel';
import { openTcp } from './sockets';

/** A connection on its way: cancel destroys whatever socket exists so far. */
export interface TcpPath {
  connected: Promise<net.Socket>;
  cancel(): void;
  /** How it goes (direct or through which proxy), known once the resolver has answered. */
  choice: Promise<ProxyChoice>;
}

/** Opens `host:port` the way `resolve` says: straight, or through the proxy's CONNECT tunnel. */
export function openPath(
  resolve: ProxyResolver,
  host: string,
  port: number,
  timeoutMs: number,
): TcpPath {
  let socket: net.Socket | undefined;
  let cancelled = false;
  const choice = resolve(host, port);
  const connected = choice.then(async (how) => {
    if (cancelled)
      throw Object.assign(new Error('The connection was cancelled'), { code: 'ECANCELED' });
    if (how.kind === 'direct') {
      const direct = openTcp(host, port);
      socket = direct.socket;
      await direct.connected;
      return direct.socket;
    }
    const tunnel = openTunnel({ proxy: how.proxy, source: how.source, host, port, timeoutMs });
    socket = tunnel.socket;
    return tunnel.connected;
  });
  return {
    connected,
    choice,
    cancel: () => {
      cancelled = true;
      socket?.destroy();
    },
  };
}

const certificateCode = (error: NodeJS.ErrnoException): string | undefined =>
  error.code && /CERT|SIGNATURE|ISSUER|HOSTNAME|ERR_TLS_CERT/.test(error.code)
    ? error.code
    : undefined;

/** Waits for a TLS socket's handshake; rejects with the socket's own error. */
const handshake = (socket: tls.TLSSocket): Promise<tls.TLSSocket> =>
  new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.once('secureConnect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
  });

/**
 * The chain a server presents, read by a second handshake that verifies nothing, sends nothing
 * and closes at once: only so a refused certificate can be named (Node gives no chain once its
 * verification has failed). The refused connection itself never carried a byte.
 */
async function readChain(
  path: () => TcpPath,
  servername: string,
): Promise<CertificateFacts | undefined> {
  const probe = path();
  try {
    const raw = await probe.connected;
    const socket = tls.connect({
      socket: raw,
      servername,
      rejectUnauthorized: false,
      minVersion: 'TLSv1.2',
    });
    await handshake(socket);
    const peer = socket.getPeerCertificate(true);
    socket.destroy();
    return certificateFacts(peer, false);
  } catch {
    return undefined;
  } finally {
    probe.cancel();
  }
}

export interface TlsPathOptions {
  path: () => TcpPath;
  servername: string;
  secureContext: tls.SecureContext;
}

/**
 * TLS over a path, verified against the secure context (never off) and the name. A refused
 * certificate becomes a CertificateError naming its issuer and whether it is a private root.
 */
export async function openTls(options: TlsPathOptions, onPath?: (path: TcpPath) => void) {
  const { servername, secureContext } = options;
  const path = options.path();
  onPath?.(path);
  const raw = await path.connected;
  const sni = net.isIP(servername) ? undefined : servername;
  const socket = tls.connect({
    socket: raw,
    servername: sni,
    secureContext,
    minVersion: 'TLSv1.2',
  });
  try {
    await handshake(socket);
  } catch (error) {
    socket.destroy();
    const code = certificateCode(error as NodeJS.ErrnoException);
    if (!code) throw error;
    const facts = await readChain(options.path, servername);
    throw new CertificateError(code, facts && { ...facts, code }, servername);
  }
  return {
    socket,
    certificate: certificateFacts(socket.getPeerCertificate(true), true),
    choice: await path.choice,
  };
}

/** A path with no proxy: what mail protocols use on a demo route or without a resolver. */
export const directPath = (host: string, port: number): TcpPath =>
  openPath(async () => ({ kind: 'direct', source: undefined }), host, port, 0);
