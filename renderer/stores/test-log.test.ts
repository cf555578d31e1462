import { describe, expect, it, vi } from 'vitest';
import type { TestLogEntry } from '../../shared/contract/test-log';
import { createTestLogStore, type TestLogApi } from './test-log';

const entry = (id: string, ok: boolean): TestLogEntry => ({
  id,
  time: '2026-11-26T10:00:00.000Z',
  environment: 'demo',
  procedure: 'system-settings',
  ok,
  outcome: ok ? 'ok' : 'failed',
  steps: [],
  durationMs: 10,
  summary: ok ? 'OK!' : 'Acquire token failed',
});

describe('test log store', () => {
  it('lists under the chosen filter and exports the same filter', async () => {
    const api: TestLogApi = {
      'testLog.list': vi.fn(async ({ result }) => ({
        entries: [entry('2', false), entry('1', true)].filter(
          (e) => result === 'all' || e.ok === (result === 'ok'),
        ),
      })),
      'testLog.export': vi.fn(async () => ({ fileName: 'test-log.json', json: '[]' })),
      'support.exportBundle': vi.fn(),
    };
    const store = createTestLogStore(api);
    await store.getState().refresh();
    expect(store.getState().entries.map((e) => e.id)).toEqual(['2', '1']);

    await store.getState().setFilter('failed');
    expect(store.getState().entries.map((e) => e.id)).toEqual(['2']);
    expect(await store.getState().exportJson()).toEqual({ fileName: 'test-log.json', json: '[]' });
    expect(api['testLog.export']).toHaveBeenCalledWith({ result: 'failed' });
  });

  it('lets only the newest request write the list', async () => {
    const answers: ((entries: TestLogEntry[]) => void)[] = [];
    const api: TestLogApi = {
      'testLog.list': () =>
        new Promise((resolve) => answers.push((entries) => resolve({ entries }))),
      'testLog.export': vi.fn(),
      'support.exportBundle': vi.fn(),
    };
    const store = createTestLogStore(api);
    const first = store.getState().refresh();
    const second = store.getState().setFilter('ok');
    answers[1]?.([entry('1', true)]);
    answers[0]?.([entry('2', false), entry('1', true)]);
    await Promise.all([first, second]);
    expect(store.getState().entries.map((e) => e.id)).toEqual(['1']);
  });

  it('exports the support bundle, and says why when it cannot', async () => {
    const bundle = { fileName: 'support-bundle.json', json: '{}' };
    const api: TestLogApi = {
      'testLog.list': vi.fn(async () => ({ entries: [] })),
      'testLog.export': vi.fn(),
      'support.exportBundle': vi
        .fn()
        .mockResolvedValueOnce(bundle)
        .mockRejectedValueOnce(new Error('boom')),
    };
    const store = createTestLogStore(api);
    expect(await store.getState().exportSupportBundle()).toEqual(bundle);
    expect(await store.getState().exportSupportBundle()).toBeUndefined();
    expect(store.getState().error).toBeTruthy();
  });
});
