import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { testHandlers } from '../../test-support/host/test-doubles';
import { createDispatch } from './dispatch';
import { createEventHub } from './event-hub';
import { hostLimits } from './http-limits';
import { startHttpHost, type HttpHost } from './http-transport';

let host: HttpHost;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'http-limits-'));
  host = await startHttpHost({
    dispatch: createDispatch(testHandlers()),
    events: createEventHub({ 'test.progress': z.object({ step: z.number() }) }),
    rendererDir: dir,
  });
});

afterAll(async () => {
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

/** A raw connection that sends `text` and stops; resolves with the ms until the host closed it. */
function halfSent(text: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(host.port, '127.0.0.1', () => socket.write(text));
    socket.on('error', reject);
    socket.on('data', () => {});
    socket.on('close', () => resolve(Date.now() - started));
  });
}

const get = (pathname: string, headers: Record<string, string>) =>
  new Promise<{ status: number; req: http.ClientRequest }>((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: host.port, path: pathname, headers }, (res) =>
      resolve({ status: res.statusCode ?? 0, req }),
    );
    req.on('error', reject);
  });

const invokeAppInfo = async () => {
  const started = Date.now();
  const res = await fetch(`http://127.0.0.1:${host.port}/api/invoke`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ method: 'app.info', input: {} }),
  });
  return {
    status: res.status,
    ok: ((await res.json()) as { ok: boolean }).ok,
    ms: Date.now() - started,
  };
};

describe('browser host limits', () => {
  it('closes 128 half-sent requests within 10 s while a normal call still answers', async () => {
    const head = `POST /api/invoke HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n`;
    const body = `${head}Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"meth`;
    const held = [
      ...Array.from({ length: 120 }, () => halfSent(head)),
      ...Array.from({ length: 8 }, () => halfSent(body)),
    ];
    await new Promise((resolve) => setTimeout(resolve, 300));
    const normal = await invokeAppInfo();
    expect(normal).toMatchObject({ status: 200, ok: true });
    expect(normal.ms).toBeLessThan(2_000);

    const closedAfter = await Promise.all(held);
    expect(Math.max(...closedAfter)).toBeLessThan(10_000);
    console.info(
      `half-sent requests closed after ${Math.min(...closedAfter)}–${Math.max(...closedAfter)} ms; a normal call meanwhile answered in ${normal.ms} ms`,
    );
  }, 20_000);

  it(`refuses event streams beyond ${hostLimits.MAX_EVENT_STREAMS} with 503, and takes new ones once some close`, async () => {
    const auth = { Authorization: `Bearer ${host.token}` };
    const open = await Promise.all(
      Array.from({ length: hostLimits.MAX_EVENT_STREAMS }, () => get('/api/events', auth)),
    );
    expect(open.every((s) => s.status === 200)).toBe(true);
    expect((await get('/api/events', auth)).status).toBe(503);

    open[0]?.req.destroy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await get('/api/events', auth);
    expect(again.status).toBe(200);
    for (const s of [...open, again]) s.req.destroy();
  });

  it(`drops connections beyond ${hostLimits.MAX_CONNECTIONS}`, async () => {
    const sockets = await Promise.all(
      Array.from(
        { length: hostLimits.MAX_CONNECTIONS },
        () =>
          new Promise<net.Socket>((resolve) => {
            const socket = net.connect(host.port, '127.0.0.1', () => resolve(socket));
          }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const extra = await halfSent('GET / HTTP/1.1\r\n');
    expect(extra).toBeLessThan(1_000);
    for (const socket of sockets) socket.destroy();
  });
});
