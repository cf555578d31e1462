import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, LOOPBACK, stopProcessGroup } from './local-process';
import { waitUntilListening } from './squid';

export interface MitmproxyOptions {
  /** The proxy mitmproxy forwards every connection through, e.g. a squid's `http://127.0.0.1:PORT`. */
  upstream: string;
  /** A PEM file of the CA(s) mitmproxy trusts for the servers behind the upstream proxy. */
  upstreamTrustPem: string;
}

export interface Mitmproxy {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  /** mitmproxy's own CA (PEM), which signs every certificate it shows clients: for SSL_CERT_FILE. */
  caPemPath: string;
  /** Stops mitmproxy and deletes its directory (CA included). */
  stop(): Promise<void>;
}

const CA_FILE = 'mitmproxy-ca-cert.pem';
/** Enough of mitmproxy's output to say why it did not start, never a whole run's flows. */
const OUTPUT_LIMIT = 16_384;

/**
 * A TLS-inspecting proxy as some companies run one: mitmdump in upstream mode, chained to
 * `upstream`, re-signing every server certificate with a CA of its own made fresh in a temp
 * confdir at start. It verifies the real servers against `upstreamTrustPem` only.
 */
export async function startMitmproxy(options: MitmproxyOptions): Promise<Mitmproxy> {
  const confdir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitmproxy-'));
  const port = await freePort();
  const caPemPath = path.join(confdir, CA_FILE);
  const args = [
    '--mode',
    `upstream:${options.upstream}`,
    '--listen-host',
    LOOPBACK,
    '--listen-port',
    String(port),
    '--set',
    `confdir=${confdir}`,
    '--set',
    `ssl_verify_upstream_trusted_ca=${options.upstreamTrustPem}`,
    // One line a flow at most: the tests read results from the clients, not from here.
    '--set',
    'flow_detail=0',
  ];
  const child = spawn('mitmdump', args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const killOnExit = () => void stopProcessGroup(child);
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    await stopProcessGroup(child);
    fs.rmSync(confdir, { recursive: true, force: true });
  };
  try {
    // The CA is written before the listener opens; waiting for both keeps a reader from racing it.
    await waitUntilListening(
      child,
      port,
      () => output.trim(),
      () => fs.existsSync(caPemPath),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `http://${LOOPBACK}:${port}`, port, caPemPath, stop };
}
