import { contextBridge, ipcRenderer } from 'electron';
import type { Transport } from '../shared/contract/client';
import type { Result } from '../shared/contract/errors';
import {
  BRIDGE_KEY,
  EVENT_CHANNEL,
  INVOKE_CHANNEL,
  eventNames,
  isListed,
  methodNames,
} from './host/bridge-names';

const unknownMethod: Result = {
  ok: false,
  error: { code: 'unknown-method', message: 'The app does not know this request.' },
};

/**
 * The renderer's only door to main: contract methods and events by name. ipcRenderer and its
 * event objects never reach the page, since they would let it send on any channel.
 */
const bridge: Transport = {
  invoke(method, input) {
    if (!isListed(methodNames, method)) return Promise.resolve(unknownMethod);
    return ipcRenderer.invoke(INVOKE_CHANNEL, method, input) as Promise<Result>;
  },
  on(event, listener) {
    if (!isListed(eventNames, event)) throw new Error(`Unknown event: ${String(event)}`);
    if (typeof listener !== 'function') throw new Error('The listener must be a function.');
    const forward = (_event: unknown, name: unknown, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
