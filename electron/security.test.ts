import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Protocol, Session, Shell, WebContents } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './host/content-policy';
import {
  hardenSession,
  hardenWebContents,
  allowedOpener,
  isAllowedExternalUrl,
  registerAppScheme,
  rendererResponder,
  serveRenderer,
} from './security';

type Handler = (...args: never[]) => unknown;

/** Records every handler registered on it, by name. */
const recorder = () => {
  const handlers = new Map<string, Handler>();
  const record = (name: string) => (fn: Handler) => void handlers.set(name, fn);
  const get = <T extends Handler>(name: string) => {
    const fn = handlers.get(name);
    if (!fn) throw new Error(`${name} was not registered`);
    return fn as T;
  };
  return { record, get };
};

describe('external links', () => {
  it.each([
    'https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps',
    'https://learn.microsoft.com/en-us/exchange/client-developer/',
    'https://entra.microsoft.com/',
    'mailto:dana@contoso.com?subject=ERP%20Mail%20Settings&body=Test',
  ])('allows %s', (url) => expect(isAllowedExternalUrl(url)).toBe(true));

  it.each([
    'http://portal.azure.com/',
    'https://portal.azure.com.evil.example/',
    'https://user:pw@portal.azure.com/',
    'https://evil.example/?https://portal.azure.com',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'not a url',
    'mailto:',
  ])('refuses %s', (url) => expect(isAllowedExternalUrl(url)).toBe(false));
});

describe('web contents hardening', () => {
  const setup = () => {
    const events = recorder();
    const opener = recorder();
    const contents = {
      on: (name: string, fn: Handler) => events.record(name)(fn),
      setWindowOpenHandler: opener.record('open'),
    } as unknown as WebContents;
    const shell = { openExternal: vi.fn(async () => {}) } as unknown as Shell & {
      openExternal: ReturnType<typeof vi.fn>;
    };
    hardenWebContents(contents, shell);
    return { events, opener, shell };
  };

  it.each(['app://erp-mail/other.html', 'https://evil.example/', 'https://portal.azure.com/'])(
    'prevents navigation to %s',
    (url) => {
      const { events } = setup();
      const event = { url, preventDefault: vi.fn() };
      events.get<(e: typeof event) => void>('will-navigate')(event);
      expect(event.preventDefault).toHaveBeenCalled();
    },
  );

  it('prevents redirects and webviews', () => {
    const { events } = setup();
    for (const name of ['will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      events.get<(e: typeof event) => void>(name)(event);
      expect(event.preventDefault).toHaveBeenCalled();
    }
  });

  it('denies every new window and opens only allowed links in the system browser', () => {
    const { opener, shell } = setup();
    const open = opener.get<(d: { url: string }) => { action: string }>('open');
    expect(open({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(open({ url: 'https://learn.microsoft.com/x' })).toEqual({ action: 'deny' });
    expect(shell.openExternal.mock.calls).toEqual([['https://learn.microsoft.com/x']]);
  });

  it('opens an allowed link that the page tried to navigate to externally', () => {
    const { events, shell } = setup();
    const event = { url: 'https://entra.microsoft.com/', preventDefault: vi.fn() };
    events.get<(e: typeof event) => void>('will-navigate')(event);
    expect(shell.openExternal).toHaveBeenCalledWith('https://entra.microsoft.com/');
  });
});

describe('session hardening', () => {
  const setup = () => {
    const handlers = recorder();
    const session = {
      setPermissionRequestHandler: handlers.record('request'),
      setPermissionCheckHandler: handlers.record('check'),
      setDevicePermissionHandler: handlers.record('device'),
      webRequest: {
        onBeforeRequest: handlers.record('before'),
        onHeadersReceived: handlers.record('headers'),
      },
    } as unknown as Session;
    hardenSession(session);
    return handlers;
  };

  it('denies every permission request and check', () => {
    const handlers = setup();
    const callback = vi.fn();
    handlers.get<(wc: unknown, p: string, cb: (ok: boolean) => void) => void>('request')(
      {},
      'media',
      callback,
    );
    expect(callback).toHaveBeenCalledWith(false);
    expect(handlers.get<() => boolean>('check')()).toBe(false);
    expect(handlers.get<() => boolean>('device')()).toBe(false);
  });

  it.each([
    ['https://evil.example/x.js', true],
    ['http://127.0.0.1:8080/', true],
    ['file:///etc/passwd', true],
    ['app://other/index.html', true],
    ['app://erp-mail/assets/app.js', false],
    ['data:image/png;base64,AAAA', false],
  ])('cancels %s: %s', (url, cancel) => {
    const handlers = setup();
    const callback = vi.fn();
    handlers.get<(d: { url: string }, cb: (r: unknown) => void) => void>('before')(
      { url },
      callback,
    );
    expect(callback).toHaveBeenCalledWith({ cancel });
  });

  it('puts the CSP on every response, replacing any other', () => {
    const handlers = setup();
    const callback = vi.fn();
    handlers.get<(d: unknown, cb: (r: unknown) => void) => void>('headers')(
      { responseHeaders: { 'Content-Security-Policy': ['default-src *'], 'X-Other': ['1'] } },
      callback,
    );
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY], 'X-Other': ['1'] },
    });
  });
});

describe('app:// protocol', () => {
  let dir: string;
  let root: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'app-protocol-'));
    root = path.join(dir, 'renderer');
    await mkdir(root);
    await writeFile(path.join(root, 'index.html'), '<title>ERP</title>');
    await writeFile(path.join(dir, 'secret.txt'), 'OUTSIDE');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const get = (url: string, method = 'GET') =>
    rendererResponder(root)(new Request(url, { method }));

  it('is registered as a standard, secure scheme', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppScheme(protocol as unknown as Protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ]);
  });

  it('is handled on the session', () => {
    const handle = vi.fn();
    serveRenderer({ protocol: { handle } } as unknown as Session, root);
    expect(handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('serves the renderer with the CSP', async () => {
    const response = await get('app://erp-mail/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toBe('<title>ERP</title>');
  });

  // The URL parser already folds %2e%2e away (→ 404); an encoded slash reaches the file check (→ 403).
  it.each([
    ['app://erp-mail/..%2fsecret.txt', 403],
    ['app://erp-mail/..%5csecret.txt', 403],
    ['app://erp-mail/%2e%2e/secret.txt', 404],
  ])('does not serve %s', async (url, status) => {
    const response = await get(url);
    expect(response.status).toBe(status);
    expect(await response.text()).not.toContain('OUTSIDE');
  });

  it('answers nothing for another host or a non-GET', async () => {
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get('app://erp-mail/index.html', 'POST')).status).toBe(404);
  });
});

describe("the opener main's services use", () => {
  it('opens a mailto: link and refuses what a link in the app may not open', async () => {
    const shell = { openExternal: vi.fn(async () => {}) };
    const open = allowedOpener(shell);
    await open('mailto:dana@contoso.com?subject=Test');
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith(
      'mailto:dana@contoso.com?subject=Test',
    );
    await expect(open('https://evil.example/')).rejects.toThrow('not one the app may open');
    expect(shell.openExternal).toHaveBeenCalledOnce();
  });
});
