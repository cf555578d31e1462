import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../shared/contract/client';
import { DEMO_BADGE, MICROSOFT365_BADGE } from '../../shared/contract/environment';
import { createEnvironmentStore, type EnvironmentApi } from './environment';

describe('environment store', () => {
  it('loads the badge and switches, keeping the view when a switch fails', async () => {
    const api: EnvironmentApi = {
      'environment.get': vi.fn(async () => ({ environment: 'demo' as const, badge: DEMO_BADGE })),
      'environment.set': vi
        .fn<EnvironmentApi['environment.set']>()
        .mockResolvedValueOnce({ environment: 'microsoft365', badge: MICROSOFT365_BADGE })
        .mockRejectedValueOnce(new ApiError({ code: 'failed', message: 'Not saved.' })),
      'environment.demoValues': vi.fn(),
      'environment.clearDemoValues': vi.fn(),
    };
    const store = createEnvironmentStore(api);
    await store.getState().load();
    expect(store.getState().view?.badge).toBe(DEMO_BADGE);

    await store.getState().switchTo('microsoft365');
    expect(store.getState().view?.environment).toBe('microsoft365');
    await store.getState().switchTo('microsoft365');
    expect(api['environment.set']).toHaveBeenCalledOnce();

    await store.getState().switchTo('demo');
    expect(store.getState().error).toBe('Not saved.');
    expect(store.getState().view?.environment).toBe('microsoft365');
  });

  it('clears the demo values in one call, keeping the environment and saying why when it fails', async () => {
    const cleared = { system: ['Password (SMTP)'], incoming: ['Client secret'] };
    const locked = new ApiError({ code: 'keychain-locked', message: 'The keychain is locked.' });
    const api: EnvironmentApi = {
      'environment.get': vi.fn(async () => ({ environment: 'demo' as const, badge: DEMO_BADGE })),
      'environment.set': vi.fn(),
      'environment.demoValues': vi
        .fn<EnvironmentApi['environment.demoValues']>()
        .mockRejectedValueOnce(locked)
        .mockResolvedValueOnce(cleared),
      'environment.clearDemoValues': vi
        .fn<EnvironmentApi['environment.clearDemoValues']>()
        .mockRejectedValueOnce(locked)
        .mockResolvedValueOnce({
          view: { environment: 'microsoft365', badge: MICROSOFT365_BADGE },
          cleared,
        }),
    };
    const store = createEnvironmentStore(api);
    await store.getState().load();
    await store.getState().findDemoValues();
    expect(store.getState().demoValuesError).toBe('The keychain is locked.');
    await store.getState().findDemoValues();
    expect(store.getState().demoValues).toEqual(cleared);
    expect(store.getState().demoValuesError).toBeUndefined();

    expect(await store.getState().clearDemoValues()).toBe(false);
    expect(store.getState().error).toBe('The keychain is locked.');
    expect(store.getState().cleared).toBeUndefined();
    expect(store.getState().view?.environment).toBe('demo');
    expect(await store.getState().clearDemoValues()).toBe(true);
    expect(store.getState().cleared).toEqual(cleared);
    expect(store.getState().error).toBeUndefined();
    expect(store.getState().view?.environment).toBe('microsoft365');
  });
});
