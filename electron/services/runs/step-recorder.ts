import type { StepTiming } from '../../../shared/contract/check';
import type { StepProgress } from '../../../shared/contract/runs';
import { rawCode } from '../../../shared/diagnosis/diagnose';
import type { CheckStep, FailureFacts, ThrottleWait } from '../../../shared/diagnosis/failure';
import { sleep } from '../base/abortable';
import type { StepContext } from '../mail/step-context';
import type { RunClock } from './run-clock';
import { RunFailure } from '../mail/failure';
import {
  freshForbiddenBudget,
  freshThrottleBudget,
  retryDecision,
  type RetryPolicy,
} from './retry-policy';

const sumOf = (delays: readonly number[]) => delays.reduce((all, ms) => all + ms, 0);

export type StepEvent = Omit<StepProgress, 'runId' | 'kind'>;

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
  /** Throttling is bounded over all the steps together, not per request. */
  private readonly throttle = freshThrottleBudget();

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

  /** Milliseconds throttling has held these steps so far (Retry-After, BackOffMilliseconds). */
  get throttledMs(): number {
    return this.throttle.waitedMs;
  }

  /**
   * Runs the current step's request, waiting with a visible countdown and trying again where the
   * policy says so (a 403 right after setup; a 429/503 or ErrorServerBusy while throttling has
   * held these steps less than the policy's bound in all).
   */
  async retrying<T>(work: () => Promise<T>): Promise<T> {
    const { policy, clock } = this.options;
    const forbidden = freshForbiddenBudget(policy);
    const started = clock.now();
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await work();
      } catch (error) {
        if (!(error instanceof RunFailure)) throw error;
        const decision = retryDecision(error.facts, { forbidden, throttle: this.throttle }, policy);
        if (!decision.retry) throw this.afterTries(error, attempt, started, decision.bound);
        // A change still reaching Microsoft 365 counts down the retries' whole wait, not each one.
        const laterMs = decision.throttled ? 0 : sumOf(forbidden);
        await this.countDown(decision.delayMs, attempt + 1, error.facts, {
          throttled: decision.throttled,
          laterMs,
        });
      }
    }
  }

  private afterTries(
    error: RunFailure,
    attempt: number,
    started: number,
    bound: ThrottleWait | undefined,
  ): RunFailure {
    if (attempt === 1 && !bound) return error;
    const seconds = Math.round((this.options.clock.now() - started) / 1000);
    const tried = attempt === 1 ? '' : ` Tried ${attempt} times over ${seconds} s.`;
    const facts = {
      ...error.facts,
      message: `${error.facts.message}${tried}`,
      ...(bound ? { throttleWait: bound } : {}),
    };
    return new RunFailure(facts);
  }

  private async countDown(
    delay: number,
    attempt: number,
    facts: FailureFacts,
    { throttled, laterMs }: { throttled: boolean; laterMs: number },
  ): Promise<void> {
    const { clock, policy, signal, report } = this.options;
    const step = this.current;
    if (!step) return;
    const reason = rawCode(facts);
    const why = `${reason} from ${facts.host ?? 'the server'}`;
    const until = clock.now() + delay;
    const throttle = throttled
      ? {
          waitedSeconds: Math.round(this.throttle.waitedMs / 1000),
          boundSeconds: Math.round(policy.maxThrottleWaitMs / 1000),
        }
      : undefined;
    const held = throttle
      ? ` (throttling holds this ${throttle.waitedSeconds} s of at most ${throttle.boundSeconds} s)`
      : '';
    const waitTotalSeconds = Math.ceil(sumOf(policy.forbiddenDelaysMs) / 1000);
    for (let left = delay; left > 0; left = until - clock.now()) {
      const seconds = Math.ceil(left / 1000);
      const waitLeftSeconds = Math.ceil((left + laterMs) / 1000);
      report?.({
        step,
        state: 'waiting',
        retryInSeconds: seconds,
        attempt,
        reason,
        detail: `${why}: trying again in ${seconds} s${held}`,
        ...(throttle ? { throttle } : {}),
        ...(throttled ? {} : { waitReason: 'propagation', waitTotalSeconds, waitLeftSeconds }),
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
