import { describe, expect, it, vi } from 'vitest';
import type { CheckResult } from '../../shared/contract/check';
import type { RunProgress } from '../../shared/contract/runs';
import { toSystemSettingsForm, defaultSystemSettings } from '../../shared/settings/system-settings';
import { applyProgress, createCheckRunStore, type CheckApi } from './check-run';

const RUN_ID = '6f1c1f8e-8d7a-4f3e-9a51-2a0f5f9d3c11';

const request = {
  form: toSystemSettingsForm(defaultSystemSettings),
  secrets: {},
  dialog: {
    emailMethod: 'exchange-online' as const,
    recipient: 'dana@contoso.com',
    sender: 'erp@contoso.com',
    userName: 'erp@contoso.com',
  },
};

const result = (overrides: Partial<CheckResult> = {}): CheckResult => ({
  runId: RUN_ID,
  ok: true,
  outcome: 'ok',
  lines: ['OK!'],
  steps: [],
  logEntryId: 'log-1',
  ...overrides,
});

function setup(run: CheckApi['check.run']) {
  let emit: (event: RunProgress) => void = () => {};
  const api: CheckApi = {
    'check.run': run,
    'run.cancel': vi.fn(async () => ({ cancelled: true })),
  };
  const onFinished = vi.fn();
  const store = createCheckRunStore({
    api,
    progress: (listener) => {
      emit = listener;
      return () => {};
    },
    newRunId: () => RUN_ID,
    now: () => 1_000,
    onFinished,
  });
  return { store, api, onFinished, emit: (e: RunProgress) => emit(e) };
}

describe('applyProgress', () => {
  it('replaces the step it names and times a wait from now', () => {
    const steps = applyProgress(
      [
        { step: 'token', state: 'done' },
        { step: 'send', state: 'running' },
      ],
      { step: 'send', state: 'waiting', retryInSeconds: 5, attempt: 2 },
      10_000,
    );
    expect(steps[1]).toEqual({
      step: 'send',
      state: 'waiting',
      retryAt: 15_000,
      attempt: 2,
      detail: undefined,
    });
    expect(steps[0]).toEqual({ step: 'token', state: 'done' });
  });
  it('keeps one steady end of the whole wait through each retry’s try (issue 21, 9c)', () => {
    const wait = { waitReason: 'propagation', waitTotalSeconds: 35 } as const;
    let steps = applyProgress(
      [{ step: 'send', state: 'running' }],
      {
        step: 'send',
        state: 'waiting',
        retryInSeconds: 5,
        attempt: 2,
        ...wait,
        waitLeftSeconds: 35,
      },
      0,
    );
    expect(steps[0]?.wait).toEqual({ endsAt: 35_000, totalSeconds: 35, reason: 'propagation' });
    steps = applyProgress(steps, { step: 'send', state: 'running', attempt: 2 }, 5_000);
    expect(steps[0]?.wait?.endsAt).toBe(35_000);
    steps = applyProgress(
      steps,
      {
        step: 'send',
        state: 'waiting',
        retryInSeconds: 10,
        attempt: 3,
        ...wait,
        waitLeftSeconds: 30,
      },
      5_200,
    );
    // The try took 0.2 s; the end stays where it was, so the seconds left never go up.
    expect(steps[0]?.wait?.endsAt).toBe(35_000);
    steps = applyProgress(steps, { step: 'send', state: 'done' }, 16_000);
    expect(steps[0]?.wait).toBeUndefined();
  });
});

describe('check run store', () => {
  it('sends the request with a fresh run id, follows its progress and reports the result', async () => {
    let finish: (r: CheckResult) => void = () => {};
    const run = vi.fn(() => new Promise<CheckResult>((resolve) => (finish = resolve)));
    const { store, emit, onFinished } = setup(run);

    const done = store.getState().run(request);
    expect(run).toHaveBeenCalledWith({ ...request, runId: RUN_ID });
    expect(store.getState().phase).toBe('running');
    expect(store.getState().steps.map((s) => s.state)).toEqual(['pending', 'pending', 'pending']);

    emit({ runId: RUN_ID, kind: 'step', step: 'token', state: 'running' });
    emit({ runId: RUN_ID, kind: 'account', done: 1, total: 2 });
    emit({ runId: 'another-run', kind: 'step', step: 'send', state: 'failed' });
    expect(store.getState().steps.map((s) => s.state)).toEqual(['pending', 'running', 'pending']);

    finish(result());
    await done;
    expect(store.getState().phase).toBe('finished');
    expect(store.getState().result?.lines).toEqual(['OK!']);
    expect(onFinished).toHaveBeenCalledOnce();
  });

  it('ends a run in one update, result and active run together, so the dialog renders it once', async () => {
    let finish: (r: CheckResult) => void = () => {};
    const { store } = setup(() => new Promise<CheckResult>((resolve) => (finish = resolve)));
    const done = store.getState().run(request);
    const updates: { phase: string; active: boolean }[] = [];
    store.subscribe((s) => updates.push({ phase: s.phase, active: s.activeRun !== undefined }));
    finish(result());
    await done;
    await Promise.resolve();
    expect(updates).toEqual([{ phase: 'finished', active: false }]);
  });

  it('cancels the running run by its id, once', async () => {
    let finish: (r: CheckResult) => void = () => {};
    const { store, api } = setup(() => new Promise<CheckResult>((resolve) => (finish = resolve)));
    const done = store.getState().run(request);
    await store.getState().cancelRun();
    await store.getState().cancelRun();
    expect(api['run.cancel']).toHaveBeenCalledExactlyOnceWith({ runId: RUN_ID });
    finish(result({ ok: false, outcome: 'cancelled', lines: ['Cancelled'] }));
    await done;
    expect(store.getState().result?.outcome).toBe('cancelled');
    expect(store.getState().activeRun).toBeUndefined();
  });

  it('starts no second run while one is in progress, and plans the steps of the method', async () => {
    let finish: (r: CheckResult) => void = () => {};
    const run = vi.fn(() => new Promise<CheckResult>((resolve) => (finish = resolve)));
    const { store } = setup(run);
    const done = store.getState().run({
      ...request,
      dialog: { ...request.dialog, emailMethod: 'client' },
    });
    await store.getState().run(request);
    expect(run).toHaveBeenCalledOnce();
    expect(store.getState().steps.map((s) => s.step)).toEqual(['validate', 'compose']);
    finish(result());
    await done;
  });

  it('keeps the message when the call itself fails, and starts clean after reset', async () => {
    const { store } = setup(async () => {
      throw new Error('network');
    });
    await store.getState().run(request);
    expect(store.getState().error).toBe('The test could not be run.');
    store.getState().reset();
    expect(store.getState()).toMatchObject({ phase: 'idle', error: undefined, result: undefined });
  });
});
