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
});
