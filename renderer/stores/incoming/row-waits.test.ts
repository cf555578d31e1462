import { expect, it } from 'vitest';
import type { RunProgress } from '../../../shared/contract/runs';
import { withProgress } from './row-waits';

const waiting = (attempt: number, retryInSeconds: number): RunProgress => ({
  runId: 'r',
  kind: 'step',
  step: 'graph-folder',
  state: 'waiting',
  attempt,
  retryInSeconds,
  accountId: 'a',
  reason: 'HTTP 429, ApplicationThrottled',
  detail: `HTTP 429, ApplicationThrottled from graph.microsoft.com: trying again in ${retryInSeconds} s (throttling holds this 3 s of at most 60 s)`,
  throttle: { waitedSeconds: 3, boundSeconds: 60 },
});

it('a row waits from its first tick, keeps that entry while the same try counts down, and stops', () => {
  const started = withProgress({}, waiting(2, 3), 1_000);
  expect(started).toEqual({
    a: {
      until: 4_000,
      attempt: 2,
      why: 'HTTP 429, ApplicationThrottled',
      waitedSeconds: 3,
      boundSeconds: 60,
    },
  });
  expect(withProgress(started, waiting(2, 2), 2_000)).toBe(started);
  expect(withProgress(started, waiting(3, 5), 4_000).a?.until).toBe(9_000);
  const running: RunProgress = {
    runId: 'r',
    kind: 'step',
    step: 'graph-folder',
    state: 'running',
    attempt: 2,
    accountId: 'a',
  };
  expect(withProgress(started, running, 4_000)).toEqual({});
  const result: RunProgress = {
    runId: 'r',
    kind: 'account',
    done: 1,
    total: 1,
    accountId: 'a',
    ok: true,
  };
  expect(withProgress(started, result, 4_000)).toEqual({});
});

it('events of other rows, of the Test or of delivery leave the waits as they are', () => {
  const waits = withProgress({}, waiting(2, 3), 0);
  const test: RunProgress = {
    runId: 'r',
    kind: 'step',
    step: 'send',
    state: 'waiting',
    attempt: 2,
  };
  expect(withProgress(waits, test, 0)).toBe(waits);
  const other: RunProgress = { runId: 'r', kind: 'account', done: 1, total: 2, accountId: 'b' };
  expect(withProgress(waits, other, 0)).toBe(waits);
});
