import { describe, expect, it } from 'vitest';
import { createKeychainGate } from './keychain-gate';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('createKeychainGate', () => {
  it('never runs a probe while a keychain call runs, nor a call while a probe runs', async () => {
    const gate = createKeychainGate();
    const state = { calls: 0, probes: 0, overlapped: false };
    const call = () =>
      gate.call(async () => {
        state.calls += 1;
        if (state.probes > 0) state.overlapped = true;
        await tick();
        state.calls -= 1;
      });
    const probe = () =>
      gate.probe(async () => {
        state.probes += 1;
        if (state.calls > 0 || state.probes > 1) state.overlapped = true;
        await tick();
        state.probes -= 1;
        return true;
      });
    await Promise.all([call(), call(), probe(), call(), probe(), probe(), call(), call()]);
    expect(state.overlapped).toBe(false);
  });

  it('lets calls go on after a probe that failed', async () => {
    const gate = createKeychainGate();
    await expect(gate.probe(async () => Promise.reject(new Error('no D-Bus')))).rejects.toThrow();
    expect(await gate.call(async () => 'done')).toBe('done');
  });
});
