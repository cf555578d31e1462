import net from 'node:net';
import tls from 'node:tls';

/** A mail protocol's connection as the seam hands it out (plain TCP, or TLS once upgraded). */
export type MailSocket = net.Socket;

/** The TLS a mail session ended up with, for the Result's detail lines. */
export interface TlsDetails {
  protocol: string;
  certificate: tls.DetailedPeerCertificate;
}

/**
 * A plain TCP connection for a protocol that upgrades it itself (SMTP's STARTTLS) or wraps it in
 * TLS from the first byte: the socket is opened here, so every mail connection has one place.
 */
export function openTcp(
  host: string,
  port: number,
): { socket: net.Socket; connected: Promise<void> } {
  const socket = net.connect({ host, port });
  // The socket is handed out at once so a cancel can destroy it while it still connects.
  const connected = new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve();
    });
  });
  return { socket, connected };
}

/** The protocol and peer certificate of a socket, once it is encrypted. */
export function tlsDetailsOf(socket: unknown): TlsDetails | undefined {
  if (!(socket instanceof tls.TLSSocket) || !socket.encrypted) return undefined;
  return { protocol: socket.getProtocol() ?? 'TLS', certificate: socket.getPeerCertificate(true) };
}
