import { createStore } from 'zustand/vanilla';
import type { Api } from '../../shared/contract';
import type { CheckProgress, CheckResult, CheckRunInput } from '../../shared/contract/check';
import { messageOf } from './error-message';
import type { CheckStep } from '../../shared/diagnosis/failure';

const NOT_RUN = 'The test could not be run.';

export type CheckApi = Pick<Api, 'check.run' | 'check.cancel'>;
/** Subscribes to `check.progress`; answers the unsubscribe. */
export type ProgressSource = (listener: (event: CheckProgress) => void) => () => void;

export type StepState = 'pending' | CheckProgress['state'];

export interface StepProgress {
  step: CheckStep;
  state: StepState;
  detail?: string;
  /** While waiting: when (ms since epoch) the automatic retry starts, for the countdown. */
  retryAt?: number;
  attempt?: number;
}

/** The steps of the green icon's test (FLOWS.md §3), shown as pending before they start. */
export const sendCheckSteps = ['validate', 'token', 'send'] as const satisfies readonly CheckStep[];

/** The step list after one progress event; a step main reports beyond the list is appended. */
export function applyProgress(
  steps: readonly StepProgress[],
  event: CheckProgress,
  now: number,
): StepProgress[] {
  const next: StepProgress = {
    step: event.step,
    state: event.state,
    detail: event.detail,
    attempt: event.attempt,
    retryAt:
      event.state === 'waiting' && event.retryInSeconds !== undefined
        ? now + event.retryInSeconds * 1000
        : undefined,
  };
  const index = steps.findIndex((s) => s.step === event.step);
  if (index === -1) return [...steps, next];
  return steps.map((s, i) => (i === index ? next : s));
}

export type CheckRunRequest = Omit<CheckRunInput, 'runId'>;

export interface CheckRunState {
  phase: 'idle' | 'running' | 'finished';
  runId?: string;
  cancelling: boolean;
  steps: StepProgress[];
  result?: CheckResult;
  /** When the call itself failed (the app unreachable, a refused input), not the check. */
  error?: string;
  run(request: CheckRunRequest): Promise<void>;
  cancel(): Promise<void>;
  reset(): void;
}

export interface CheckRunDeps {
  api: CheckApi;
  progress: ProgressSource;
  newRunId?: () => string;
  now?: () => number;
  /** Told after every finished run, e.g. so the Test log refreshes. */
  onFinished?: (result: CheckResult) => void;
}

const idle = {
  phase: 'idle' as const,
  runId: undefined,
  cancelling: false,
  steps: [],
  result: undefined,
  error: undefined,
};

/** One Check e-mail settings run at a time: start it, follow its progress, cancel it. */
export function createCheckRunStore(deps: CheckRunDeps) {
  const { api, progress, onFinished } = deps;
  const newRunId = deps.newRunId ?? (() => crypto.randomUUID());
  const now = deps.now ?? Date.now;

  const store = createStore<CheckRunState>((set, get) => ({
    ...idle,
    async run(request) {
      if (get().phase === 'running') return;
      const runId = newRunId();
      set({
        ...idle,
        phase: 'running',
        runId,
        steps: sendCheckSteps.map((step) => ({ step, state: 'pending' })),
      });
      try {
        const result = await api['check.run']({ ...request, runId });
        if (get().runId !== runId) return;
        set({ phase: 'finished', cancelling: false, result });
        onFinished?.(result);
      } catch (error) {
        if (get().runId !== runId) return;
        set({ phase: 'finished', cancelling: false, error: messageOf(error, NOT_RUN) });
      }
    },
    async cancel() {
      const { phase, runId, cancelling } = get();
      if (phase !== 'running' || !runId || cancelling) return;
      set({ cancelling: true });
      try {
        await api['check.cancel']({ runId });
      } catch {
        // The run itself still answers; a failed cancel only means it ends on its own.
        if (get().runId === runId) set({ cancelling: false });
      }
    },
    reset() {
      if (get().phase !== 'running') set(idle);
    },
  }));

  progress((event) => {
    const { phase, runId, steps } = store.getState();
    if (phase === 'running' && event.runId === runId)
      store.setState({ steps: applyProgress(steps, event, now()) });
  });

  return store;
}
