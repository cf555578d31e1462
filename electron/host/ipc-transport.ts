import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import type { Result } from '../../shared/contract';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './bridge-names';
import type { Dispatch } from './dispatch';
import type { EventSource } from './event-hub';

export interface AppOrigin {
  /** e.g. 'app:' */
  protocol: string;
  /** e.g. 'erp-mail' */
  host: string;
}

const refused: Result = {
  ok: false,
  error: { code: 'failed', message: 'This request did not come from the app window.' },
};

const isFrom = (url: string, origin: AppOrigin) => {
  try {
    const parsed = new URL(url);
    return parsed.protocol === origin.protocol && parsed.host === origin.host;
  } catch {
    return false;
  }
};

/**
 * Only the app's own window, its main frame, showing the app's own pages may call main. A custom
 * scheme's URL has an opaque origin in WHATWG terms, so protocol and host are compared instead.
 */
export function isAppSender(
  event: IpcMainInvokeEvent,
  window: BrowserWindow | undefined,
  origin: AppOrigin,
): boolean {
  if (!window || window.isDestroyed()) return false;
  const frame = event.senderFrame;
  return (
    event.sender === window.webContents &&
    frame !== null &&
    frame === window.webContents.mainFrame &&
    frame.parent === null &&
    isFrom(frame.url, origin)
  );
}

export interface IpcTransportOptions {
  ipcMain: IpcMain;
  dispatch: Dispatch;
  events: EventSource;
  /** The window allowed to call; read on every call, since it may be re-created. */
  appWindow: () => BrowserWindow | undefined;
  origin: AppOrigin;
}

/**
 * The Electron transport: one invoke channel into dispatch, and events pushed to the app window.
 * A call from anywhere else is answered with a refusal and runs no handler.
 */
export function registerIpcTransport(options: IpcTransportOptions): () => void {
  const { ipcMain, dispatch, events, appWindow, origin } = options;
  ipcMain.handle(INVOKE_CHANNEL, (event, method: unknown, input: unknown) => {
    if (!isAppSender(event, appWindow(), origin) || typeof method !== 'string') return refused;
    return dispatch(method, input);
  });
  const unsubscribe = events.subscribe((name, payload) => {
    const window = appWindow();
    if (window && !window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, name, payload);
  });
  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL);
    unsubscribe();
  };
}
