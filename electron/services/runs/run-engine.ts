import { setMaxListeners } from 'node:events';
import type { Environment } from '../../../shared/contract/environment';
import type { RunProgress } from '../../../shared/contract/runs';
import type { AppLog } from '../logs/app-log';
import type { SecretVault } from '../keychain/secret-vault';
import type { TestLog } from '../logs/test-log';
import type { TokenBroker } from '../tokens/token-broker';
import { systemClock, type RunClock } from './run-clock';
import { defaultRetryPolicy, type RetryPolicy } from './retry-policy';
import { openRun, type Run } from './run';

/** Listeners a run's signal may have before Node warns of a leak. */
const RUN_SIGNAL_LISTENERS = 64;

export interface RunEngineDeps {
  vault: Pick<SecretVault, 'read'>;
  testLog: Pick<TestLog, 'append' | 'amend'>;
  environment: { current(): Environment };
  emit(event: RunProgress): void;
  clock?: RunClock;
  retry?: RetryPolicy;
  /**
   * Settles once the Demo setup has stored its secrets: a run reads secrets, so one started in
   * the first second after launch waits for it rather than finding row 13's password "missing".
   */
  ready?: Promise<void>;
  /** The app log: each run's start, and its end with the verdict and code. */
  appLog?: Pick<AppLog, 'info' | 'warn'>;
}

export interface StartOptions {
  /** The run goes on after its verdict (following the test message): no second "started". */
  continues?: boolean;
}

export interface RunEngine {
  /**
   * Runs `body` as run `runId`; a second start with the same id cancels the first. `tokens` is
   * the broker the run's tokens come from (the Check dialog and validations keep their own).
   */
  start<T>(
    runId: string,
    body: (run: Run) => Promise<T>,
    tokens: Pick<TokenBroker, 'acquire'>,
    options?: StartOptions,
  ): Promise<T>;
  /** True when the run was in progress and is now stopping. */
  cancel(runId: string): boolean;
}

/**
 * Owns every run: its id and abort, its clock, the secrets it read (once each) and everything
 * it must never show, its progress events and its Test log entries.
 */
export function createRunEngine(deps: RunEngineDeps): RunEngine {
  const clock = deps.clock ?? systemClock;
  const policy = deps.retry ?? defaultRetryPolicy;
  const running = new Map<string, AbortController>();

  return {
    start: async (runId, body, tokens, options = {}) => {
      const controller = new AbortController();
      // Every request of the run listens on this one signal: Validate all has 8 accounts under
      // way, each with a few listeners, which is not the leak Node's default limit of 10 warns of.
      setMaxListeners(RUN_SIGNAL_LISTENERS, controller.signal);
      running.get(runId)?.abort();
      running.set(runId, controller);
      try {
        await deps.ready;
        if (!options.continues)
          deps.appLog?.info(`Run ${runId} started (${deps.environment.current()})`);
        const signal = controller.signal;
        return await body(openRun({ ...deps, id: runId, signal, clock, policy, tokens }));
      } finally {
        if (running.get(runId) === controller) running.delete(runId);
      }
    },
    cancel: (runId) => {
      const controller = running.get(runId);
      controller?.abort();
      return controller !== undefined;
    },
  };
}
