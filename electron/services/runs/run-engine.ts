import { setMaxListeners } from 'node:events';
import type { Environment } from '../../../shared/contract/environment';
import type { RunProgress } from '../../../shared/contract/runs';
import type { FailureFacts } from '../../../shared/diagnosis/failure';
import type { AppLog } from '../logs/app-log';
import type { SecretVault } from '../keychain/secret-vault';
import { redactSecrets } from '../base/redact';
import type { NewTestLogEntry, TestLog } from '../logs/test-log';
import { systemClock, type RunClock } from './run-clock';
import { defaultRetryPolicy, type RetryPolicy } from './retry-policy';
import { StepRecorder } from './step-recorder';

/** Listeners a run's signal may have before Node warns of a leak. */
const RUN_SIGNAL_LISTENERS = 64;

type WithoutRunId<T> = T extends unknown ? Omit<T, 'runId'> : never;

/** A Test log entry as a run writes it: the engine adds the time and the environment. */
export type RunLogEntry = Omit<NewTestLogEntry, 'time' | 'environment'>;

/** One run (a Test, a validation) while it runs: what every step of it shares. */
export interface Run {
  readonly id: string;
  readonly signal: AbortSignal;
  readonly startedAt: Date;
  readonly clock: RunClock;
  /** Milliseconds since the run started. */
  elapsed(): number;
  /** A keychain entry, read at most once per run; its value is concealed from everything shown. */
  secret(account: string): Promise<string | undefined>;
  /** A value (typed secret, token) to cut out of every line, fact and Test log entry. */
  conceal(value: string | undefined): void;
  redact(text: string): string;
  redactFacts(facts: FailureFacts): FailureFacts;
  /** Timed steps; `watched` pushes each step's progress (the Check dialog follows them). */
  steps(watched: boolean): StepRecorder;
  progress(event: WithoutRunId<RunProgress>): void;
  /** Appends one redacted Test log entry; answers its id, or why it could not be written. */
  log(entry: RunLogEntry): Promise<{ id: string } | { error: string }>;
}

export interface RunEngineDeps {
  vault: Pick<SecretVault, 'read'>;
  testLog: Pick<TestLog, 'append'>;
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

export interface RunEngine {
  /** Runs `body` as run `runId`; a second start with the same id cancels the first. */
  start<T>(runId: string, body: (run: Run) => Promise<T>): Promise<T>;
  /** True when the run was in progress and is now stopping. */
  cancel(runId: string): boolean;
}

/** A run's end for the app log: what ran, the verdict and the code, already redacted. */
const endLine = (id: string, entry: NewTestLogEntry): string =>
  [
    `Run ${id} ended: ${entry.procedure}`,
    entry.flow && `flow ${entry.flow}`,
    entry.mailbox && `mailbox ${entry.mailbox}`,
    `${entry.ok ? 'OK' : 'failed'} (${entry.outcome})`,
    entry.code && `code ${entry.code}`,
    entry.diagnosisId && `diagnosis ${entry.diagnosisId}`,
    `${entry.durationMs} ms`,
    `"${entry.summary}"`,
  ]
    .filter(Boolean)
    .join(', ');

/**
 * Owns every run: its id and abort, its clock, the secrets it read (once each) and everything
 * it must never show, its progress events and its Test log entries.
 */
export function createRunEngine(deps: RunEngineDeps): RunEngine {
  const clock = deps.clock ?? systemClock;
  const policy = deps.retry ?? defaultRetryPolicy;
  const running = new Map<string, AbortController>();

  const newRun = (id: string, signal: AbortSignal): Run => {
    const started = clock.now();
    const concealed: string[] = [];
    const reads = new Map<string, Promise<string | undefined>>();
    const conceal = (value: string | undefined) => {
      if (value) concealed.push(value);
    };
    const redact = (text: string) => redactSecrets(text, concealed);
    const run: Run = {
      id,
      signal,
      startedAt: clock.date(),
      clock,
      elapsed: () => Math.round(clock.now() - started),
      secret: (account) => {
        let value = reads.get(account);
        if (!value) {
          value = deps.vault.read(account).then((secret) => (conceal(secret), secret));
          reads.set(account, value);
        }
        return value;
      },
      conceal,
      redact,
      redactFacts: (facts) => ({ ...facts, message: redact(facts.message) }),
      steps: (watched) =>
        new StepRecorder({
          signal,
          clock,
          policy,
          conceal,
          report: watched ? (event) => run.progress({ kind: 'step', ...event }) : undefined,
        }),
      progress: (event) => deps.emit({ runId: id, ...event }),
      log: async (entry) => {
        const full = {
          ...entry,
          time: run.startedAt.toISOString(),
          environment: deps.environment.current(),
          summary: redact(entry.summary),
          code: entry.code === undefined ? undefined : redact(entry.code),
        };
        deps.appLog?.info(endLine(id, full));
        try {
          const written = await deps.testLog.append(full);
          return { id: written.id };
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? 'write failed';
          deps.appLog?.warn(`Run ${id}: the Test log entry could not be written (${code})`);
          return { error: code };
        }
      },
    };
    return run;
  };

  return {
    start: async (runId, body) => {
      const controller = new AbortController();
      // Every request of the run listens on this one signal: Validate all has 8 accounts under
      // way, each with a few listeners, which is not the leak Node's default limit of 10 warns of.
      setMaxListeners(RUN_SIGNAL_LISTENERS, controller.signal);
      running.get(runId)?.abort();
      running.set(runId, controller);
      try {
        await deps.ready;
        deps.appLog?.info(`Run ${runId} started (${deps.environment.current()})`);
        return await body(newRun(runId, controller.signal));
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
