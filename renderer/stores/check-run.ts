import { createStore } from 'zustand/vanilla';
import type { Api } from '../../shared/contract';
import type { CheckResult, CheckRunInput } from '../../shared/contract/check';
import type { DeliveryProgress, StepProgress as StepEvent } from '../../shared/contract/runs';
import type { CheckStep } from '../../shared/diagnosis/failure';
import { messageOf } from './error-message';
import { runSlice, type RunSliceDeps, type RunSliceState } from './run-slice';

const NOT_RUN = 'The test could not be run.';

export type CheckApi = Pick<Api, 'check.run' | 'run.cancel'>;

export type StepState = 'pending' | StepEvent['state'];

export interface StepProgress {
  step: CheckStep;
  state: StepState;
  detail?: string;
  /** While waiting: when (ms since epoch) the automatic retry starts, for the countdown. */
  retryAt?: number;
  attempt?: number;
  /**
   * While the step waits or retries: when its whole wait ends at the latest, how long it is in
   * all and why, for one steady countdown across the retries. Kept through each retry's try.
   */
  wait?: StepWait;
}

export interface StepWait {
  endsAt: number;
  totalSeconds: number;
  reason: 'propagation' | 'throttled';
  /** What the server answered that made the step wait ("HTTP 403, ErrorAccessDenied"). */
  answer?: string;
}

/** The steps a test is known to take, by E-mail method and Send through, shown as pending first. */
export function plannedSteps(dialog: CheckRunInput['dialog']): readonly CheckStep[] {
  switch (dialog.emailMethod) {
    case 'exchange-online':
      return ['validate', 'token', dialog.sendThrough === 'graph' ? 'graph-send' : 'send'];
    case 'exchange':
      return ['validate', 'send'];
    case 'smtp':
      return ['validate', 'smtp-connect', 'smtp-tls', 'smtp-auth', 'smtp-send'];
    case 'client':
      return ['validate', 'compose'];
  }
}

/** The whole wait an event tells of; a retry's try keeps the wait it is part of. */
function waitOf(
  event: Omit<StepEvent, 'runId' | 'kind'>,
  before: StepProgress | undefined,
  now: number,
): StepProgress['wait'] {
  if (event.state === 'running' && (event.attempt ?? 1) > 1) return before?.wait;
  if (event.state !== 'waiting' || event.waitLeftSeconds === undefined) return undefined;
  const wait: StepWait = {
    endsAt: now + event.waitLeftSeconds * 1000,
    totalSeconds: event.waitTotalSeconds ?? event.waitLeftSeconds,
    reason: event.waitReason ?? 'throttled',
    ...(event.reason ? { answer: event.reason } : {}),
  };
  // The same wait goes on: its end never moves later (a try's own time is not added back), so
  // the seconds left never go up between two reads.
  const earlier = before?.wait;
  if (earlier?.reason !== wait.reason || earlier.totalSeconds !== wait.totalSeconds) return wait;
  return { ...wait, endsAt: Math.min(earlier.endsAt, wait.endsAt) };
}

/** The step list after one progress event; a step main reports beyond the list is appended. */
export function applyProgress(
  steps: readonly StepProgress[],
  event: Omit<StepEvent, 'runId' | 'kind'>,
  now: number,
): StepProgress[] {
  const index = steps.findIndex((s) => s.step === event.step);
  const next: StepProgress = {
    step: event.step,
    state: event.state,
    detail: event.detail,
    attempt: event.attempt,
    retryAt:
      event.state === 'waiting' && event.retryInSeconds !== undefined
        ? now + event.retryInSeconds * 1000
        : undefined,
    wait: waitOf(event, steps[index], now),
  };
  if (index === -1) return [...steps, next];
  return steps.map((s, i) => (i === index ? next : s));
}

export type CheckRunRequest = Omit<CheckRunInput, 'runId'>;

export interface CheckRunState extends RunSliceState {
  phase: 'idle' | 'running' | 'finished';
  steps: StepProgress[];
  result?: CheckResult;
  /** When the call itself failed (the app unreachable, a refused input), not the check. */
  error?: string;
  /** After OK!: the message followed (FLOWS.md §11), the latest delivery event of this run. */
  delivery?: DeliveryProgress;
  /** Stops following the message (the run's id is the Test's). */
  stopFollowing(): Promise<void>;
  run(request: CheckRunRequest): Promise<void>;
  reset(): void;
}

export interface CheckRunDeps extends Omit<RunSliceDeps, 'api'> {
  api: CheckApi;
  now?: () => number;
  /** Told after every finished run, e.g. so the Test log refreshes. */
  onFinished?: (result: CheckResult) => void;
}

const idle = {
  phase: 'idle' as const,
  steps: [],
  result: undefined,
  error: undefined,
  delivery: undefined,
};

/** One Check e-mail settings run at a time: start it, follow its steps, cancel it. */
export function createCheckRunStore(deps: CheckRunDeps) {
  const { api, onFinished } = deps;
  const now = deps.now ?? Date.now;

  return createStore<CheckRunState>((set, get) => {
    const runs = runSlice<CheckRunState>(set, get, deps);
    // Delivery events come after the answer (and may overtake it): kept for the Test's run id.
    let lastRunId: string | undefined;
    deps.progress((event) => {
      if (event.kind === 'delivery' && event.runId === lastRunId) set({ delivery: event });
    });
    return {
      ...runs.state,
      ...idle,
      async stopFollowing() {
        const runId = get().delivery?.following ? lastRunId : undefined;
        if (runId) await api['run.cancel']({ runId }).catch(() => undefined);
      },
      async run(request) {
        if (get().delivery?.following) await get().stopFollowing();
        const steps = plannedSteps(request.dialog).map((step) => ({
          step,
          state: 'pending' as const,
        }));
        const answer = runs.track(
          (runId) => ((lastRunId = runId), api['check.run']({ ...request, runId })),
          (event) => {
            if (event.kind === 'step') set({ steps: applyProgress(get().steps, event, now()) });
          },
        );
        if (!answer) return;
        set({ ...idle, phase: 'running', steps });
        try {
          const result = await answer;
          set({ phase: 'finished', result, activeRun: undefined });
          onFinished?.(result);
        } catch (error) {
          set({ phase: 'finished', error: messageOf(error, NOT_RUN), activeRun: undefined });
        }
      },
      reset() {
        if (get().phase !== 'running') set(idle);
      },
    };
  });
}
