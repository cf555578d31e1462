import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { BrowserWindow, IpcMain } from 'electron';
import { contract } from '../../shared/contract';
import { createApiClient, type Transport } from '../../shared/contract/client';
import { createHandlers } from './handlers';
import { createDispatch } from './dispatch';
import { createAppEventHub, createEventHub } from './event-hub';
import { EVENT_CHANNEL } from './bridge-names';
import { registerIpcTransport } from './ipc-transport';
import {
  fakeCheckServices,
  fakeIncomingServices,
  inMemoryPreferences,
  fakeNetworkServices,
  inMemorySystemSettings,
  sampleInputs,
  testAppInfo,
} from '../../test-support/host/test-doubles';

type Listener = (...args: unknown[]) => unknown;
interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}
interface FakeEvent {
  sender: unknown;
  senderFrame: FakeFrame | null;
}

/** A stand-in for the parts of Electron the preload and the IPC transport touch. */
const fake = vi.hoisted(() => {
  const mainHandlers = new Map<string, Listener>();
  const rendererListeners = new Map<string, Set<Listener>>();
  const world: Record<string, unknown> = {};
  const state: { event: () => FakeEvent } = { event: () => ({ sender: null, senderFrame: null }) };
  const electron = {
    ipcMain: {
      handle: (channel: string, fn: Listener) => void mainHandlers.set(channel, fn),
      removeHandler: (channel: string) => void mainHandlers.delete(channel),
    },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => {
        const handler = mainHandlers.get(channel);
        if (!handler) throw new Error(`No handler registered for '${channel}'`);
        return handler(state.event(), ...args);
      },
      on: (channel: string, fn: Listener) => {
        const set = rendererListeners.get(channel) ?? new Set();
        set.add(fn);
        rendererListeners.set(channel, set);
      },
      removeListener: (channel: string, fn: Listener) =>
        void rendererListeners.get(channel)?.delete(fn),
    },
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => void (world[key] = api),
    },
  };
  const deliver = (channel: string, ...args: unknown[]) => {
    for (const fn of rendererListeners.get(channel) ?? []) fn({ senderId: 0 }, ...args);
  };
  return { electron, mainHandlers, rendererListeners, world, state, deliver };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

const origin = { protocol: 'app:', host: 'erp-mail' };
const mainFrame: FakeFrame = { url: 'app://erp-mail/index.html', parent: null };
const webContents = { mainFrame, send: vi.fn(fake.deliver) };
const appWindow = { isDestroyed: () => false, webContents } as unknown as BrowserWindow;
const fromApp = (): FakeEvent => ({ sender: webContents, senderFrame: mainFrame });

let systemSettings: ReturnType<typeof inMemorySystemSettings>;
let stop: () => void;

const bridge = async () => {
  await import('../preload');
  return fake.world.erpMail as Transport;
};

beforeEach(() => {
  stop?.();
  systemSettings = inMemorySystemSettings();
  const handlers = createHandlers({
    appInfo: testAppInfo,
    systemSettings,
    ...fakeCheckServices(),
    ...fakeIncomingServices(),
    ...inMemoryPreferences(),
    ...fakeNetworkServices(),
  });
  stop = registerIpcTransport({
    ipcMain: fake.electron.ipcMain as unknown as IpcMain,
    dispatch: createDispatch(handlers),
    events: createAppEventHub(),
    appWindow: () => appWindow,
    origin,
  });
  fake.state.event = fromApp;
});

describe('preload + IPC transport', () => {
  it('exposes only invoke and on, never ipcRenderer', async () => {
    const exposed = await bridge();
    expect(Object.keys(fake.world)).toEqual(['erpMail']);
    expect(Object.keys(exposed).sort()).toEqual(['invoke', 'on']);
    expect(Object.values(exposed)).not.toContain(fake.electron.ipcRenderer);
  });

  it.each(Object.keys(contract))('reaches %s from the renderer', async (method) => {
    const api = createApiClient(await bridge());
    const call = api[method as keyof typeof sampleInputs] as (input: unknown) => Promise<unknown>;
    await expect(call(sampleInputs[method as keyof typeof sampleInputs])).resolves.toBeDefined();
  });

  it('runs the real handler with the parsed input', async () => {
    const api = createApiClient(await bridge());
    const answer = await api['systemSettings.save'](sampleInputs['systemSettings.save']);
    expect(answer.status).toBe('saved');
    expect(systemSettings.saves).toHaveLength(1);
  });

  it('refuses a method outside the contract in the preload', async () => {
    const exposed = await bridge();
    const invoke = vi.spyOn(fake.electron.ipcRenderer, 'invoke');
    const result = await exposed.invoke('constructor', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('refuses events outside the contract', async () => {
    const exposed = await bridge();
    expect(() => exposed.on('anything', () => {})).toThrow(/Unknown event/);
  });

  it.each([
    ['another webContents', () => ({ sender: { mainFrame }, senderFrame: mainFrame })],
    [
      'a subframe of the app window',
      () => ({
        sender: webContents,
        senderFrame: { url: 'app://erp-mail/index.html', parent: mainFrame },
      }),
    ],
    ['a destroyed frame', () => ({ sender: webContents, senderFrame: null })],
  ])('refuses a call from %s and runs no handler', async (_name, event: () => FakeEvent) => {
    const exposed = await bridge();
    fake.state.event = event;
    const result = await exposed.invoke('systemSettings.save', sampleInputs['systemSettings.save']);
    expect(result).toMatchObject({ ok: false, error: { code: 'failed' } });
    expect(systemSettings.saves).toHaveLength(0);
  });

  it.each(['https://evil.example/', 'app://other-host/index.html', 'file:///index.html'])(
    "refuses a call when the app window's main frame shows %s",
    async (url) => {
      const exposed = await bridge();
      const moved = { url, parent: null };
      fake.state.event = () => ({ sender: webContents, senderFrame: moved });
      webContents.mainFrame = moved;
      try {
        const result = await exposed.invoke('app.info', {});
        expect(result).toMatchObject({ ok: false, error: { code: 'failed' } });
      } finally {
        webContents.mainFrame = mainFrame;
      }
    },
  );

  it('pushes events to the app window and stops when unregistered', async () => {
    stop();
    const hub = createEventHub({ 'check.progress': z.object({ step: z.number() }) });
    webContents.send.mockClear();
    stop = registerIpcTransport({
      ipcMain: fake.electron.ipcMain as unknown as IpcMain,
      dispatch: createDispatch(
        createHandlers({
          appInfo: testAppInfo,
          systemSettings,
          ...fakeCheckServices(),
          ...fakeIncomingServices(),
          ...inMemoryPreferences(),
          ...fakeNetworkServices(),
        }),
      ),
      events: hub,
      appWindow: () => appWindow,
      origin,
    });
    hub.emit('check.progress', { step: 1 });
    stop();
    hub.emit('check.progress', { step: 2 });
    expect(webContents.send.mock.calls).toEqual([[EVENT_CHANNEL, 'check.progress', { step: 1 }]]);
    expect(fake.mainHandlers.size).toBe(0);
  });
});
