import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpTransport } from './http-transport';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

afterEach(() => vi.unstubAllGlobals());

describe('createHttpTransport', () => {
  it('posts each call with the launch token and returns the Result', async () => {
    const fetchMock = vi.fn(async () => json({ ok: true, value: { name: 'x' } }));
    vi.stubGlobal('fetch', fetchMock);
    const transport = createHttpTransport('tok-1', vi.fn());

    await expect(transport.invoke('app.info', {})).resolves.toEqual({
      ok: true,
      value: { name: 'x' },
    });
    expect(fetchMock).toHaveBeenCalledWith('/api/invoke', {
      method: 'POST',
      headers: { Authorization: 'Bearer tok-1', 'Content-Type': 'application/json' },
      body: JSON.stringify({ method: 'app.info', input: {} }),
    });
  });

  it('reports a refused token and answers with a failure', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('', { status: 401 })),
    );
    const refused = vi.fn();
    const result = await createHttpTransport('old', refused).invoke('app.info', {});
    expect(refused).toHaveBeenCalledOnce();
    expect(result.ok).toBe(false);
  });

  it('turns an unreachable host or a malformed answer into a failure', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValueOnce(new TypeError('fetch failed')));
    const transport = createHttpTransport('tok', vi.fn());
    expect((await transport.invoke('app.info', {})).ok).toBe(false);
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json({ surprise: true }, 500)),
    );
    expect(await transport.invoke('app.info', {})).toMatchObject({
      ok: false,
      error: { code: 'failed' },
    });
  });

  it('delivers server-sent events to the listeners of their name', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('event: progress\ndata: {"step":3}\n\n'));
      },
    });
    const fetchMock = vi.fn(async () => new Response(body, { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    const transport = createHttpTransport('tok', vi.fn());

    const payload = await new Promise((resolve) => {
      const off = transport.on('progress', (p) => {
        off();
        resolve(p);
      });
    });
    expect(payload).toEqual({ step: 3 });
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/events',
      expect.objectContaining({ headers: { Authorization: 'Bearer tok' } }),
    );
  });

  it('keeps one event stream for back-to-back listeners and closes it once unused', async () => {
    let signal: AbortSignal | undefined;
    const fetchMock = vi.fn(async (_url: string, init?: RequestInit) => {
      signal = init?.signal ?? undefined;
      return new Response(new ReadableStream<Uint8Array>(), { status: 200 });
    });
    vi.stubGlobal('fetch', fetchMock);
    const transport = createHttpTransport('tok', vi.fn(), 50);

    transport.on('run.progress', vi.fn())();
    transport.on('run.progress', vi.fn())();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(signal?.aborted).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(signal?.aborted).toBe(true);
  });
});
