import { describe, expect, it, vi } from 'vitest';
import { testHandlers } from '../../test-support/host/test-doubles';
import { createWalkthroughStore, doneCount, stepKey, type WalkthroughApi } from './walkthrough';

/** The store over the real handler table, whose ticks are kept in memory for the test. */
function setup() {
  const handlers = testHandlers();
  const api: WalkthroughApi = {
    'walkthrough.getProgress': handlers['walkthrough.getProgress'],
    'walkthrough.setProgress': handlers['walkthrough.setProgress'],
  };
  return { api, handlers, store: createWalkthroughStore(api) };
}

describe('walkthrough store', () => {
  it('keeps ticked steps through the host and counts them per section', async () => {
    const { api, store } = setup();
    await store.getState().loadProgress();
    store.getState().setDone(stepKey('password', 'password', 1), true);
    store.getState().setDone(stepKey('password', 'password', 2), true);
    store.getState().setDone(stepKey('password', 'password', 2), false);
    store.getState().setDone(stepKey('client-secret', 'client-secret', 1), true);
    await store.getState().loadProgress();

    const again = createWalkthroughStore(api);
    await again.getState().loadProgress();
    const { done } = again.getState();
    expect(doneCount(done, 'password', 'password', [1, 2, 3])).toBe(1);
    expect(doneCount(done, 'client-secret', 'client-secret', [1, 2])).toBe(1);
    expect(doneCount(done, 'password', 'app', [1])).toBe(0);
  });

  it('adds a step ticked before the kept ones were read to them, rather than replacing them', async () => {
    const { api, store } = setup();
    await api['walkthrough.setProgress']({ done: [stepKey('password', 'password', 1)] });
    store.getState().setDone(stepKey('password', 'password', 2), true);
    await store.getState().loadProgress();
    await store.getState().loadProgress();
    expect(Object.keys(store.getState().done).sort()).toEqual([
      stepKey('password', 'password', 1),
      stepKey('password', 'password', 2),
    ]);
  });

  it('keeps a step ticked while a later read of the kept ticks is on its way', async () => {
    const { api, store } = setup();
    await store.getState().loadProgress();
    const reading = store.getState().loadProgress();
    store.getState().setDone(stepKey('password', 'password', 4), true);
    await reading;
    await store.getState().loadProgress();
    expect(Object.keys(store.getState().done)).toEqual([stepKey('password', 'password', 4)]);
    expect((await api['walkthrough.getProgress']({})).done).toEqual([
      stepKey('password', 'password', 4),
    ]);
  });

  it('says so when the host cannot keep the ticks', async () => {
    const { api } = setup();
    const store = createWalkthroughStore({
      ...api,
      'walkthrough.setProgress': () => Promise.reject(new Error('disk full')),
    });
    await store.getState().loadProgress();
    store.getState().setDone(stepKey('password', 'password', 1), true);
    await vi.waitFor(() => expect(store.getState().progressError).toMatch(/could not be saved/));
  });

  it('shows a setup step in its own flow, numbering each request so a repeat scrolls again', () => {
    const store = setup().store;
    const ref = { part: 'password' as const, steps: [17, 18], title: 'Allow public client flows' };
    expect(store.getState().show(ref, 'client-secret')).toBe(true);
    const first = store.getState().target;
    expect(first).toMatchObject({ flow: 'password', section: 'password', step: 17 });
    expect(store.getState().flow).toBe('password');
    store.getState().show(ref, 'client-secret');
    expect(store.getState().target?.seq).toBeGreaterThan(first!.seq);

    expect(store.getState().show({ part: 'password', steps: [99], title: '' }, 'password')).toBe(
      false,
    );
  });

  it('shows a System settings row in the flow chosen here before the one of row 23', () => {
    const store = setup().store;
    store.getState().chooseFlow('client-secret');
    store.getState().show({ part: 'app', steps: [15], title: '' }, 'password');
    expect(store.getState().target).toMatchObject({ flow: 'client-secret', section: 'app' });
  });
});
