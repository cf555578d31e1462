import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CONTENT_SECURITY_POLICY } from './content-policy';
import { createDispatch } from './dispatch';
import { createEventHub } from './event-hub';
import { MAX_BODY_BYTES, startHttpHost, type HttpHost } from './http-transport';
import { UI_NOT_BUILT } from './static-files';
import { testHandlers } from '../../test-support/host/test-doubles';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let host: HttpHost;
let dir: string;
const hub = createEventHub({ 'test.progress': z.object({ step: z.number() }) });

const request = (
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
  port = host.port,
): Promise<Reply> =>
  new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });

const auth = () => ({ Authorization: `Bearer ${host.token}` });
const invoke = (body: unknown, headers: Record<string, string> = {}) =>
  request({
    method: 'POST',
    path: '/api/invoke',
    headers: { ...auth(), 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'http-host-'));
  const root = path.join(dir, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>ERP</title>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(root, 'assets', 'app.css'), 'body{}');
  await writeFile(path.join(dir, 'outside.txt'), 'TOP-SECRET-OUTSIDE');
  host = await startHttpHost({
    dispatch: createDispatch(testHandlers()),
    events: hub,
    rendererDir: root,
  });
});

afterAll(async () => {
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

describe('browser host', () => {
  it('is reachable only on 127.0.0.1 and hands out a launch URL with the token in the fragment', () => {
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(host.launchUrl).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
  });

  it('answers a valid call with the Result', async () => {
    const reply = await invoke({ method: 'app.info', input: {} });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(reply.body)).toMatchObject({
      ok: true,
      value: { name: 'ERP Mail Settings' },
    });
  });

  it('answers dispatch failures as Results too', async () => {
    const reply = await invoke({ method: 'nope', input: {} });
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });

  it.each([
    ['no token', {}],
    ['a wrong token', { Authorization: 'Bearer wrong' }],
    ['the token without Bearer', { Authorization: 'token' }],
  ])('refuses %s with an empty 401', async (_name, headers: Record<string, string>) => {
    const reply = await request({
      method: 'POST',
      path: '/api/invoke',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ method: 'app.info', input: {} }),
    });
    expect(reply.status).toBe(401);
    expect(reply.body).toBe('');
  });

  it('refuses the events stream without the token', async () => {
    expect((await request({ path: '/api/events' })).status).toBe(401);
  });

  it.each(['evil.example:80', '127.0.0.1.attacker.example:8080', '127.0.0.1', 'localhost'])(
    'refuses the Host header %s with 403',
    async (hostHeader) => {
      const reply = await invoke({ method: 'app.info', input: {} }, { Host: hostHeader });
      expect(reply.status).toBe(403);
      expect(reply.body).toBe('');
    },
  );

  it('accepts localhost:<port> as the Host', async () => {
    const reply = await invoke(
      { method: 'app.info', input: {} },
      { Host: `localhost:${host.port}` },
    );
    expect(reply.status).toBe(200);
  });

  it.each(['https://evil.example', 'http://127.0.0.1:1', 'null'])(
    'refuses the cross-origin Origin %s with 403',
    async (origin) => {
      const reply = await invoke({ method: 'app.info', input: {} }, { Origin: origin });
      expect(reply.status).toBe(403);
    },
  );

  it('accepts its own origin', async () => {
    const reply = await invoke(
      { method: 'app.info', input: {} },
      { Origin: `http://127.0.0.1:${host.port}`, 'Sec-Fetch-Site': 'same-origin' },
    );
    expect(reply.status).toBe(200);
  });

  it('refuses Sec-Fetch-Site: cross-site with 403', async () => {
    const reply = await request({ path: '/', headers: { 'Sec-Fetch-Site': 'cross-site' } });
    expect(reply.status).toBe(403);
  });

  it('never sends CORS headers and refuses preflights', async () => {
    const preflight = await request({
      method: 'OPTIONS',
      path: '/api/invoke',
      headers: { 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(405);
    const replies = [preflight, await invoke({ method: 'app.info', input: {} }), await request({})];
    for (const reply of replies) {
      expect(Object.keys(reply.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('refuses a body that is not JSON by type or by content', async () => {
    expect((await invoke({ method: 'app.info' }, { 'Content-Type': 'text/plain' })).status).toBe(
      415,
    );
    const garbled = await request({
      method: 'POST',
      path: '/api/invoke',
      headers: { ...auth(), 'Content-Type': 'application/json' },
      body: '{nope',
    });
    expect(garbled.status).toBe(400);
    expect(JSON.parse(garbled.body)).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  });

  it('refuses a body over 1 MB with 413', async () => {
    const reply = await invoke({ method: 'app.info', input: { pad: 'x'.repeat(MAX_BODY_BYTES) } });
    expect(reply.status).toBe(413);
  });

  it('serves the renderer with content types and the security headers', async () => {
    const page = await request({ path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect((await request({ path: '/assets/app.js' })).headers['content-type']).toMatch(
      /^text\/javascript/,
    );
    expect((await request({ path: '/assets/app.css' })).headers['content-type']).toMatch(
      /^text\/css/,
    );
  });

  it('falls back to index.html for client routes but not for missing assets', async () => {
    const route = await request({ path: '/system-settings/overall?x=1' });
    expect(route.status).toBe(200);
    expect(route.body).toContain('<title>ERP</title>');
    expect((await request({ path: '/assets/missing.js' })).status).toBe(404);
  });

  it.each([
    '/../outside.txt',
    '/assets/../../outside.txt',
    '/%2e%2e/outside.txt',
    '/..%2foutside.txt',
    '/assets/..%2F..%2Foutside.txt',
    '/..%5coutside.txt',
    '/%2e%2e%5c%2e%2e%5coutside.txt',
    '/%00',
    '/%E0%A4%A',
  ])('does not serve %s from outside the renderer folder', async (traversal) => {
    const reply = await request({ path: traversal });
    expect(reply.body).not.toContain('TOP-SECRET-OUTSIDE');
    expect(reply.status).toBe(403);
  });

  it('streams events to a subscriber with the token', async () => {
    const received = await new Promise<string>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: host.port, path: '/api/events', headers: auth() },
        (res) => {
          expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString();
            if (text.includes(': connected')) hub.emit('test.progress', { step: 7 });
            if (text.includes('data: ')) {
              req.destroy();
              resolve(text);
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(received).toContain('event: test.progress\ndata: {"step":7}\n\n');
  });
});

describe('browser host without a built renderer', () => {
  it('still starts and says the UI is not built', async () => {
    const bare = await startHttpHost({
      dispatch: createDispatch(testHandlers()),
      events: hub,
      rendererDir: path.join(tmpdir(), 'no-such-renderer-dir'),
    });
    try {
      const reply = await request({ path: '/' }, bare.port);
      expect(reply.status).toBe(503);
      expect(reply.body).toBe(UI_NOT_BUILT);
    } finally {
      await bare.close();
    }
  });
});
