import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createEventHub } from './event-hub';

const table = { 'check.progress': z.object({ step: z.number() }) };

describe('event hub', () => {
  it('delivers parsed payloads to every subscriber until they unsubscribe', () => {
    const hub = createEventHub(table);
    const first = vi.fn();
    const second = vi.fn();
    const stop = hub.subscribe(first);
    hub.subscribe(second);
    hub.emit('check.progress', { step: 1, extra: 'dropped' } as { step: number });
    stop();
    hub.emit('check.progress', { step: 2 });
    expect(first.mock.calls).toEqual([['check.progress', { step: 1 }]]);
    expect(second.mock.calls).toEqual([
      ['check.progress', { step: 1 }],
      ['check.progress', { step: 2 }],
    ]);
  });

  it('refuses a payload the contract does not allow', () => {
    const hub = createEventHub(table);
    expect(() => hub.emit('check.progress', { step: 'one' } as never)).toThrow();
  });

  it('keeps delivering when one listener throws', () => {
    const onError = vi.fn();
    const hub = createEventHub(table, onError);
    const after = vi.fn();
    hub.subscribe(() => {
      throw new Error('boom');
    });
    hub.subscribe(after);
    hub.emit('check.progress', { step: 3 });
    expect(after).toHaveBeenCalledOnce();
    expect(onError).toHaveBeenCalledOnce();
  });
});
