import net from 'node:net';
import tls from 'node:tls';
import { CertificateError, certificateFacts } from './certificate-facts';
import { directResolver, type ProxyResolver } from './proxy/proxy-resolver';
import { openTunnel } from './proxy/tunnel';
import { openTcp } from './sockets';

/** A connection on its way: cancel destroys whatever socket exists so far. */
export interface TcpPath {
  connected: Promise<net.Socket>;
  cancel(): void;
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

/**
 * The chain Node refuses, read at the moment it refuses it: Node destroys the socket with the
 * verification error before any 'error' listener runs, and a destroyed socket has no peer
 * certificate left. Verification stays Node's own and on; this only looks on.
 */
function chainAtRefusal(socket: tls.TLSSocket): () => tls.DetailedPeerCertificate | undefined {
  let chain: tls.DetailedPeerCertificate | undefined;
  const destroy = socket.destroy.bind(socket);
  socket.destroy = (error?: Error) => {
    if (error && !chain) chain = socket.getPeerCertificate(true);
    return destroy(error);
  };
  return () => (chain && Object.keys(chain).length > 0 ? chain : undefined);
}

/** Waits for a TLS socket's handshake; rejects with the socket's own error. */
const handshake = (socket: tls.TLSSocket): Promise<tls.TLSSocket> =>
  new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.once('secureConnect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
  });

export interface TlsPathOptions {
  path: () => TcpPath;
  servername: string;
  secureContext: tls.SecureContext;
}

/**
 * TLS over a path, verified against the secure context (never off) and the name. A refused
 * certificate becomes a CertificateError naming its issuer and whether it is a private root;
 * nothing is sent on the refused connection.
 */
export async function openTls({ path, servername, secureContext }: TlsPathOptions) {
  const raw = await path().connected;
  const socket = tls.connect({
    socket: raw,
    servername: net.isIP(servername) ? undefined : servername,
    secureContext,
    minVersion: 'TLSv1.2',
    checkServerIdentity: (_host, certificate) => tls.checkServerIdentity(servername, certificate),
  });
  const refusedChain = chainAtRefusal(socket);
  try {
    await handshake(socket);
  } catch (error) {
    socket.destroy();
    const code = certificateCode(error as NodeJS.ErrnoException);
    if (!code) throw error;
    const chain = refusedChain();
    throw new CertificateError(code, chain && certificateFacts(chain, false, code), servername);
  }
  return { socket, certificate: certificateFacts(socket.getPeerCertificate(true), true) };
}

/** A path with no proxy: what mail protocols use on a demo route or without a resolver. */
export const directPath = (host: string, port: number): TcpPath =>
  openPath(directResolver, host, port, 0);
