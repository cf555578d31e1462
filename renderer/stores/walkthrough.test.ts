import { describe, expect, it } from 'vitest';
import { createWalkthroughStore, doneCount, stepKey } from './walkthrough';
import { memoryStorage } from '../../test-support/renderer/memory-storage';

describe('walkthrough store', () => {
  it('keeps ticked steps for the session and counts them per section', () => {
    const storage = memoryStorage();
    const store = createWalkthroughStore(storage);
    store.getState().setDone(stepKey('password', 'password', 1), true);
    store.getState().setDone(stepKey('password', 'password', 2), true);
    store.getState().setDone(stepKey('password', 'password', 2), false);
    store.getState().setDone(stepKey('client-secret', 'client-secret', 1), true);

    const again = createWalkthroughStore(storage).getState();
    expect(doneCount(again.done, 'password', 'password', [1, 2, 3])).toBe(1);
    expect(doneCount(again.done, 'client-secret', 'client-secret', [1, 2])).toBe(1);
    expect(doneCount(again.done, 'password', 'app', [1])).toBe(0);
  });

  it('starts empty from storage it cannot read', () => {
    const storage = memoryStorage({ 'erp-mail-settings.walkthrough.done': '{not json' });
    expect(createWalkthroughStore(storage).getState().done).toEqual({});
    expect(createWalkthroughStore(undefined).getState().done).toEqual({});
  });

  it('shows a setup step in its own flow, numbering each request so a repeat scrolls again', () => {
    const store = createWalkthroughStore(memoryStorage());
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
    const store = createWalkthroughStore(memoryStorage());
    store.getState().chooseFlow('client-secret');
    store.getState().show({ part: 'app', steps: [15], title: '' }, 'password');
    expect(store.getState().target).toMatchObject({ flow: 'client-secret', section: 'app' });
  });
});
