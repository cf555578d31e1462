import net, { type AddressInfo } from 'node:net';
import type { RunningServer } from './server';

/**
 * Stands for a port Microsoft's host does not serve (smtp.office365.com:465, outlook.office365.com:587):
 * every connection is reset at once, so a client learns at once that nothing answers there
 * rather than waiting out its timeout.
 */
export async function listenUnserved(host: string): Promise<RunningServer> {
  const server = net.createServer((socket) => socket.resetAndDestroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
