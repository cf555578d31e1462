import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, protocol, session, shell } from 'electron';
import ElectronStore from 'electron-store';
import type { BackingFactory } from './services/settings/settings-store';
import { PRIVATE_FILE_MODE } from './services/base/private-folder';
import { APP_NAME, composeApp, type ComposedApp } from './host/compose';
import { followOptionsFrom } from './services/check/follow-delivery';
import { electronSystemProxy } from './host/system-proxy';
import {
  appLogFailureLog,
  createDispatch,
  describeThrown,
  stderrFailureLog,
} from './host/dispatch';
import { registerIpcTransport } from './host/ipc-transport';
import { resolveSettingsLocation } from './host/settings-location';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  allowedOpener,
  hardenSession,
  hardenWebContents,
  registerAppScheme,
  serveRenderer,
} from './security';

// Built layout: dist/main/main.js, dist/main/preload.cjs, dist/renderer/.
const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '..', 'renderer');
const preloadPath = path.join(here, 'preload.cjs');

const electronStoreBacking: BackingFactory = ({ dir, name }) =>
  new ElectronStore<Record<string, unknown>>({ cwd: dir, name, configFileMode: PRIVATE_FILE_MODE });

let appWindow: BrowserWindow | undefined;
let composed: ComposedApp | undefined;

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    title: APP_NAME,
    width: 1280,
    height: 860,
    minWidth: 960,
    minHeight: 640,
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (appWindow === window) appWindow = undefined;
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

function focusWindow() {
  if (!appWindow) return;
  if (appWindow.isMinimized()) appWindow.restore();
  appWindow.focus();
}

async function start() {
  hardenSession(session.defaultSession);
  serveRenderer(session.defaultSession, rendererDir);

  composed = composeApp({
    ...resolveSettingsLocation(),
    transport: 'electron',
    follow: followOptionsFrom(process.env),
    createBacking: electronStoreBacking,
    openExternal: allowedOpener(shell),
    // Chromium's answer for each URL: the OS settings with PAC, WPAD and per-host exceptions.
    systemProxy: electronSystemProxy(session.defaultSession),
  });
  registerIpcTransport({
    ipcMain,
    dispatch: createDispatch(composed.handlers, appLogFailureLog(composed.appLog)),
    events: composed.events,
    appWindow: () => appWindow,
    origin: APP_ORIGIN,
  });
  appWindow = createWindow();
  watchHostFaults(composed);
}

/** Host faults support needs to see: a crash of the main process or of the window's renderer. */
function watchHostFaults({ appLog }: ComposedApp) {
  process.on('uncaughtExceptionMonitor', (error, origin) =>
    appLog.error(`Main process ${origin}: ${describeThrown(error)}`),
  );
  app.on('render-process-gone', (_event, _contents, details) =>
    appLog.error(
      `The window's renderer is gone: ${details.reason} (exit code ${details.exitCode})`,
    ),
  );
  app.on('child-process-gone', (_event, details) =>
    appLog.error(`Electron's ${details.type} process is gone: ${details.reason}`),
  );
}

app.enableSandbox();
registerAppScheme(protocol);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusWindow);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, shell));
  app.on('window-all-closed', () => app.quit());
  // The demo tenant is a server in this process: it is closed before the app exits.
  app.on('will-quit', (event) => {
    const running = composed;
    if (!running) return;
    composed = undefined;
    running.appLog.info('Quitting');
    event.preventDefault();
    void running.close().finally(() => app.quit());
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      stderrFailureLog({
        level: 'error',
        method: 'startup',
        problem: 'the app could not start',
        detail: describeThrown(error),
      });
      app.exit(1);
    });
}
