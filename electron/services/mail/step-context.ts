import type { CheckStep } from '../../../shared/diagnosis/failure';

/** What a sender or a mailbox reader may use of the run it is part of. */
export interface StepContext {
  /** Aborted when the run is cancelled: stop within a second and start nothing further. */
  readonly signal: AbortSignal;
  /**
   * Runs one timed step: pushes its progress ('running', then 'done' or 'failed'), records its
   * time on the run's clock, and passes on what `work` throws.
   */
  step<T>(name: CheckStep, work: () => Promise<T>): Promise<T>;
  /**
   * Inside a step: runs its request again, after a visible countdown, when the failure may pass
   * by itself (a 403 right after setup, a 429/503 with a bounded Retry-After).
   */
  retrying<T>(work: () => Promise<T>): Promise<T>;
  /** A value (a password, a token) to cut out of every line, fact and Test log entry. */
  conceal(value: string): void;
}
