import type { Protocol, Session, Shell, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY, securityHeaders } from './host/content-policy';
import type { AppOrigin } from './host/ipc-transport';
import { readStaticFile } from './host/static-files';

/** The renderer is served from app://erp-mail/, never from file:// or a remote URL. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN: AppOrigin = { protocol: `${APP_SCHEME}:`, host: 'erp-mail' };
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_ORIGIN.host}/index.html`;

/** The only sites a link in the app may open, always in the user's own browser. */
export const EXTERNAL_ORIGINS = [
  'https://portal.azure.com',
  'https://learn.microsoft.com',
  'https://entra.microsoft.com',
] as const;

/**
 * Client based tests hand their message to the mail client as a mailto: link (FLOWS.md §7); it
 * carries no credentials and opens no web page.
 */
const isMailto = (parsed: URL) => parsed.protocol === 'mailto:' && parsed.pathname !== '';

export function isAllowedExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    if (isMailto(parsed)) return true;
    return (
      parsed.username === '' &&
      parsed.password === '' &&
      (EXTERNAL_ORIGINS as readonly string[]).includes(parsed.origin)
    );
  } catch {
    return false;
  }
}

const isAppUrl = (url: string) => url.startsWith(`${APP_SCHEME}://${APP_ORIGIN.host}/`);

/** Must run before the app is ready: a standard, secure scheme gets a real origin and fetch. */
export function registerAppScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Answers app://erp-mail/... from the built renderer, with the same headers as the browser host. */
export const rendererResponder =
  (rendererDir: string) =>
  async (request: Request): Promise<Response> => {
    if (!isAppUrl(request.url) || request.method !== 'GET') {
      return new Response(null, { status: 404, headers: securityHeaders });
    }
    const file = await readStaticFile(rendererDir, new URL(request.url).pathname);
    return new Response(new Uint8Array(Buffer.from(file.body)), {
      status: file.status,
      headers: { ...securityHeaders, 'Content-Type': file.contentType },
    });
  };

export function serveRenderer(session: Session, rendererDir: string): void {
  session.protocol.handle(APP_SCHEME, rendererResponder(rendererDir));
}

/**
 * Denies every permission, puts the CSP on every response, and cancels every request that does
 * not go to the app's own scheme, so no remote content is ever loaded.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !isAppUrl(details.url) && !/^(data|devtools):/.test(details.url) }),
  );
  session.webRequest.onHeadersReceived((details, callback) =>
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    }),
  );
}

const openIfAllowed = (shell: Shell, url: string) => {
  if (isAllowedExternalUrl(url)) void shell.openExternal(url);
};

/** For main's services (a Client based test's mailto:): only what a link in the app may open. */
export const allowedOpener =
  (shell: Pick<Shell, 'openExternal'>) =>
  async (url: string): Promise<void> => {
    if (!isAllowedExternalUrl(url)) throw new Error('That link is not one the app may open.');
    await shell.openExternal(url);
  };

/** No navigation, no new windows, no webviews: allowed links open in the system browser instead. */
export function hardenWebContents(contents: WebContents, shell: Shell): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    openIfAllowed(shell, event.url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(shell, url);
    return { action: 'deny' };
  });
}
