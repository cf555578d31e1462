import net from 'node:net';
import { LOOPBACK } from './local-process';

export interface SilentListener {
  port: number;
  close(): Promise<void>;
}

/** A server that accepts connections and never says a word: the hang a client must not share. */
export async function startSilentListener(): Promise<SilentListener> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
