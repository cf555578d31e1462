import type { CheckStep } from '../../shared/diagnosis/failure';
import type { StepContext } from '../../electron/services/mail/step-context';

export interface RecordedStep {
  name: CheckStep;
  outcome: 'running' | 'done' | 'failed';
  /** How long the step took, ms. */
  ms?: number;
}

/**
 * A StepContext for a sender or reader tested on its own: it records the steps in order, what
 * was concealed, and cancels when the test says so (`controller.abort()`), or during a named
 * step (`cancelAt`): `afterMs` after it started, or, without `afterMs`, as soon as its work has
 * begun (before any answer to it can arrive).
 */
export class RecordingStepContext implements StepContext {
  readonly controller = new AbortController();
  readonly steps: RecordedStep[] = [];
  readonly concealed: string[] = [];
  /** When the run was cancelled (Date.now()), to measure how fast the sender stops. */
  abortedAt: number | undefined;

  constructor(private readonly cancelAt?: { step: CheckStep; afterMs?: number }) {
    this.controller.signal.addEventListener('abort', () => (this.abortedAt = Date.now()));
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  async step<T>(name: CheckStep, work: () => Promise<T>): Promise<T> {
    const record: RecordedStep = { name, outcome: 'running' };
    const started = Date.now();
    this.steps.push(record);
    const cancelHere = this.cancelAt?.step === name ? this.cancelAt : undefined;
    if (cancelHere?.afterMs !== undefined)
      setTimeout(() => this.controller.abort(), cancelHere.afterMs);
    try {
      const pending = work();
      if (cancelHere && cancelHere.afterMs === undefined) this.controller.abort();
      const value = await pending;
      record.outcome = 'done';
      return value;
    } catch (error) {
      record.outcome = 'failed';
      throw error;
    } finally {
      record.ms = Date.now() - started;
    }
  }

  // Senders and readers are tested one request at a time; the engine's retries are tested there.
  retrying<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }

  conceal(value: string): void {
    this.concealed.push(value);
  }

  stepNames(): CheckStep[] {
    return this.steps.map((s) => s.name);
  }

  /** Each step's name and how it ended, without its time. */
  outcomes(): Omit<RecordedStep, 'ms'>[] {
    return this.steps.map(({ name, outcome }) => ({ name, outcome }));
  }
}
