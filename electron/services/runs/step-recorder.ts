import type { StepTiming } from '../../../shared/contract/check';
import type { StepProgress } from '../../../shared/contract/runs';
import { rawCode } from '../../../shared/diagnosis/diagnose';
import type { CheckStep } from '../../../shared/diagnosis/failure';
import { sleep } from '../base/abortable';
import type { StepContext } from '../mail/step-context';
import type { RunClock } from './run-clock';
import { RunFailure } from '../mail/failure';
import { freshBudget, retryDelay, type RetryBudget, type RetryPolicy } from './retry-policy';

export type StepEvent = Omit<StepProgress, 'runId' | 'kind'>;

/** One wait before a retry: why, the whole wait the step may take, and what comes after this. */
interface Wait {
  reason: NonNullable<StepProgress['waitReason']>;
  totalMs: number;
  laterMs: number;
}

export interface StepRecorderOptions {
  signal: AbortSignal;
  clock: RunClock;
  policy: RetryPolicy;
  conceal(value: string): void;
  /** Where the step's progress goes; absent for steps nobody watches one by one. */
  report?: (event: StepEvent) => void;
}

/**
 * The timed steps of one run (or of one mailbox in a validation run): each step's time on the
 * run's clock, its progress, and the retries of a step the diagnosis says may pass by itself.
 */
export class StepRecorder implements StepContext {
  readonly timings: StepTiming[] = [];
  private running?: { step: CheckStep; startedAt: number };

  constructor(private readonly options: StepRecorderOptions) {}

  get signal(): AbortSignal {
    return this.options.signal;
  }

  /** The step in progress, or the last one that ran. */
  get current(): CheckStep | undefined {
    return this.running?.step ?? this.timings.at(-1)?.step;
  }

  conceal(value: string): void {
    this.options.conceal(value);
  }

  async step<T>(name: CheckStep, work: () => Promise<T>): Promise<T> {
    this.running = { step: name, startedAt: this.options.clock.now() };
    this.options.report?.({ step: name, state: 'running', attempt: 1 });
    try {
      const value = await work();
      this.end(true);
      return value;
    } catch (error) {
      this.end(false);
      throw error;
    }
  }

  /** Records a step that ended before it could start (invalid settings, a method not tested). */
  skip(name: CheckStep): void {
    this.running = { step: name, startedAt: this.options.clock.now() };
    this.end(false);
  }

  /**
   * Runs the current step's request, waiting with a visible countdown and trying again where the
   * policy says so (a 403 right after setup, a 429/503 with a bounded Retry-After).
   */
  async retrying<T>(work: () => Promise<T>): Promise<T> {
    const { policy, clock } = this.options;
    const budget = freshBudget(policy);
    const started = clock.now();
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await work();
      } catch (error) {
        if (!(error instanceof RunFailure)) throw error;
        const forbiddenBefore = budget.forbidden.length;
        const delay = retryDelay(error.facts, budget, policy);
        if (delay === undefined) throw this.afterTries(error, attempt, started);
        await this.countDown(delay, attempt + 1, {
          why: `${rawCode(error.facts)} from ${error.facts.host ?? 'the server'}`,
          ...this.waitOf(delay, budget, forbiddenBefore),
        });
      }
    }
  }

  private afterTries(error: RunFailure, attempt: number, started: number): RunFailure {
    if (attempt === 1) return error;
    const seconds = Math.round((this.options.clock.now() - started) / 1000);
    const facts = {
      ...error.facts,
      message: `${error.facts.message} Tried ${attempt} times over ${seconds} s.`,
    };
    return new RunFailure(facts);
  }

  /**
   * The whole wait a step's retries may take: for a change still propagating, every back-off
   * delay of the policy (what is left after this one is `later`); for throttling, this wait.
   */
  private waitOf(delay: number, budget: RetryBudget, forbiddenBefore: number): Wait {
    if (budget.forbidden.length === forbiddenBefore)
      return { reason: 'throttled', totalMs: delay, laterMs: 0 };
    const sum = (delays: readonly number[]) => delays.reduce((all, ms) => all + ms, 0);
    return {
      reason: 'propagation',
      totalMs: sum(this.options.policy.forbiddenDelaysMs),
      laterMs: sum(budget.forbidden),
    };
  }

  private async countDown(delay: number, attempt: number, wait: Wait & { why: string }) {
    const { clock, policy, signal, report } = this.options;
    const step = this.current;
    if (!step) return;
    const until = clock.now() + delay;
    for (let left = delay; left > 0; left = until - clock.now()) {
      const seconds = Math.ceil(left / 1000);
      report?.({
        step,
        state: 'waiting',
        retryInSeconds: seconds,
        attempt,
        detail: `${wait.why}: trying again in ${seconds} s`,
        waitReason: wait.reason,
        waitTotalSeconds: Math.ceil(wait.totalMs / 1000),
        waitLeftSeconds: Math.ceil((left + wait.laterMs) / 1000),
      });
      await sleep(Math.min(policy.tickMs, left), signal);
    }
    report?.({ step, state: 'running', attempt });
  }

  private end(ok: boolean): void {
    const running = this.running;
    if (!running) return;
    this.running = undefined;
    const ms = Math.round(this.options.clock.now() - running.startedAt);
    this.timings.push({ step: running.step, ms, ok });
    this.options.report?.({ step: running.step, state: ok ? 'done' : 'failed' });
  }
}
