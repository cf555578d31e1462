import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../shared/contract/client';
import type { NetworkView } from '../../shared/contract/network';
import { defaultNetworkSettings } from '../../shared/settings/network';
import {
  CHECK_FAILED,
  createNetworkSettingsStore,
  isDirty,
  visibleErrors,
  type NetworkApi,
} from './network-settings';

const view = (overrides: Partial<NetworkView> = {}): NetworkView => ({
  settings: defaultNetworkSettings,
  passwordSet: false,
  source: "The system's proxy settings.",
  trustStore: "This computer's certificate store and Node's built-in list",
  notices: [],
  ...overrides,
});

function setup(overrides: Partial<NetworkApi> = {}) {
  const api: NetworkApi = {
    'network.load': vi.fn(async () => view()),
    'network.save': vi.fn(async ({ form }) => ({
      status: 'saved' as const,
      view: view({ settings: form, passwordSet: true }),
    })),
    'network.checkConnections': vi.fn(async () => ({ rows: [] })),
    ...overrides,
  };
  return { store: createNetworkSettingsStore(api), api };
}

describe('network settings store', () => {
  it('loads the view, with where the setting comes from and the trust store', async () => {
    const { store } = setup();
    await store.getState().load();
    expect(store.getState()).toMatchObject({
      phase: 'ready',
      form: defaultNetworkSettings,
      source: "The system's proxy settings.",
      passwordSet: false,
    });
    expect(isDirty(store.getState())).toBe(false);
  });

  it('refuses a Manual proxy without a valid address, then saves the form and the password', async () => {
    const { store, api } = setup();
    await store.getState().load();
    store.getState().setField('proxy', 'manual');
    await store.getState().save();
    expect(api['network.save']).not.toHaveBeenCalled();
    expect(visibleErrors(store.getState()).map((e) => e.field)).toEqual(['proxyAddress']);

    store.getState().setField('proxyAddress', 'http://proxy.corp.example:8080');
    store.getState().setPasswordDraft({ value: 'pw', clear: false });
    expect(isDirty(store.getState())).toBe(true);
    await store.getState().save();
    expect(api['network.save']).toHaveBeenCalledWith({
      form: {
        ...defaultNetworkSettings,
        proxy: 'manual',
        proxyAddress: 'http://proxy.corp.example:8080',
      },
      password: { action: 'set', value: 'pw' },
    });
    expect(store.getState()).toMatchObject({ passwordSet: true, passwordDraft: undefined });
    expect(isDirty(store.getState())).toBe(false);
  });

  it('sends no password change when the password was not touched, and Revert drops a draft', async () => {
    const { store, api } = setup();
    await store.getState().load();
    store.getState().setField('proxyUser', 'ann');
    store.getState().setPasswordDraft({ value: 'x', clear: false });
    store.getState().revert();
    expect(isDirty(store.getState())).toBe(false);
    store.getState().setField('proxy', 'none');
    await store.getState().save();
    expect(api['network.save']).toHaveBeenCalledWith({
      form: { ...defaultNetworkSettings, proxy: 'none' },
    });
  });

  it('checks connections with a busy state, and says why when the check fails', async () => {
    let answer: (rows: { rows: [] }) => void = () => {};
    const { store } = setup({
      'network.checkConnections': vi
        .fn()
        .mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)))
        .mockRejectedValueOnce(
          new ApiError({ code: 'failed', message: 'Check connections is being built' }),
        )
        .mockRejectedValueOnce(new Error('offline')),
    });
    const first = store.getState().checkConnections();
    expect(store.getState().connections).toEqual({ phase: 'checking' });
    answer({ rows: [] });
    await first;
    expect(store.getState().connections).toEqual({ phase: 'done', rows: [] });
    await store.getState().checkConnections();
    expect(store.getState().connections).toEqual({
      phase: 'failed',
      error: 'Check connections is being built',
    });
    await store.getState().checkConnections();
    expect(store.getState().connections).toEqual({ phase: 'failed', error: CHECK_FAILED });
  });
});
