import type { StoreApi } from 'zustand/vanilla';
import type { Api } from '../../shared/contract';
import type { RunProgress } from '../../shared/contract/runs';

export type RunApi = Pick<Api, 'run.cancel'>;
/** Subscribes to `run.progress`; answers the unsubscribe. */
export type RunProgressSource = (listener: (event: RunProgress) => void) => () => void;

/** The run a store has in progress: the green icon's test, a Check button's, a validation. */
export interface ActiveRun {
  runId: string;
  cancelling: boolean;
}

export interface RunSliceState {
  activeRun?: ActiveRun;
  /** Asks main to stop the active run; its own call then answers with what finished. */
  cancelRun(): Promise<void>;
}

export interface RunSliceDeps {
  api: RunApi;
  progress: RunProgressSource;
  newRunId?: () => string;
}

export interface RunSlice {
  state: RunSliceState;
  /**
   * Starts one run under a fresh id unless one is active: `call` makes the request, `onProgress`
   * gets that run's events until it answers. Answers undefined when a run was already active.
   */
  track<R>(
    call: (runId: string) => Promise<R>,
    onProgress: (event: RunProgress) => void,
  ): Promise<R> | undefined;
}

/**
 * One way for every store to run something in main (SCREENS.md §2, §3): a run id, the run's
 * progress events, Cancel through `run.cancel`; the store keeps what the run means for it.
 */
export function runSlice<S extends RunSliceState>(
  set: StoreApi<S>['setState'],
  get: StoreApi<S>['getState'],
  deps: RunSliceDeps,
): RunSlice {
  const newRunId = deps.newRunId ?? (() => globalThis.crypto.randomUUID());
  const setActive = (activeRun: ActiveRun | undefined) => set({ activeRun } as Partial<S>);

  return {
    state: {
      activeRun: undefined,
      async cancelRun() {
        const active = get().activeRun;
        if (!active || active.cancelling) return;
        setActive({ ...active, cancelling: true });
        try {
          await deps.api['run.cancel']({ runId: active.runId });
        } catch {
          // The run itself still answers; a failed cancel only means it ends on its own.
          if (get().activeRun?.runId === active.runId) setActive(active);
        }
      },
    },
    track(call, onProgress) {
      if (get().activeRun) return undefined;
      const runId = newRunId();
      setActive({ runId, cancelling: false });
      const stop = deps.progress((event) => {
        if (event.runId === runId) onProgress(event);
      });
      const answer = call(runId);
      const clear = () => {
        stop();
        if (get().activeRun?.runId === runId) setActive(undefined);
      };
      // Cleared one microtask later, after the store awaiting the answer has set what it means:
      // the run's end then reaches the screen as one render, not a render without the active run
      // and a second with the result.
      const later = () => queueMicrotask(clear);
      answer.then(later, later);
      return answer;
    },
  };
}
