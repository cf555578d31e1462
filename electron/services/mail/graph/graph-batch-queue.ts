import { CancelledError } from '../../base/abortable';
import type { HttpAnswer } from '../../network/http-exchange';
import { RunFailure } from '../failure';
import { GRAPH_BATCH_MAX, graphBatch } from './graph-batch';
import type { GraphConnection } from './graph-http';

/** Outlook's batching guidance: up to four `$batch` requests in flight for one app. */
export const GRAPH_BATCHES_IN_FLIGHT = 4;

/** A GET queued for the next batch. */
export interface QueuedGet {
  /** Settles when the GET's batch goes out (rejects only when the run is cancelled first). */
  sent: Promise<void>;
  /**
   * The step's own answer, whatever its status (a 429 inside a batch is that step's answer), or
   * the `$batch` request's failure (a RunFailure), or CancelledError.
   */
  answer: Promise<HttpAnswer>;
}

interface Pending {
  url: string;
  sent: Settle<void>;
  answer: Settle<HttpAnswer>;
}

interface Settle<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
}

function settled<T>(): { promise: Promise<T>; settle: Settle<T> } {
  let settle: Settle<T> = { resolve: () => {}, reject: () => {} };
  const promise = new Promise<T>((resolve, reject) => (settle = { resolve, reject }));
  // Whoever waits for it sees the rejection; a GET nobody waits for any more must not crash Node.
  promise.catch(() => {});
  return { promise, settle };
}

/**
 * GETs sent in JSON batches: up to 20 in one `POST /v1.0/$batch`, at most GRAPH_BATCHES_IN_FLIGHT
 * batches at once, in the order queued. GETs queued in the same turn of the event loop (every
 * account's reads at the start, the reads whose Retry-After ended together) share batches.
 * Nothing is sent after the run is cancelled.
 */
export class GraphBatchQueue {
  private readonly queue: Pending[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly connection: GraphConnection,
    private readonly signal: AbortSignal,
  ) {
    signal.addEventListener('abort', () => this.cancelQueued(), { once: true });
  }

  /** Queues a GET of `url` (relative to `/v1.0`, e.g. `/users/a%40b/mailFolders/inbox`). */
  get(url: string): QueuedGet {
    const sent = settled<void>();
    const answer = settled<HttpAnswer>();
    const pending = { url, sent: sent.settle, answer: answer.settle };
    if (this.signal.aborted) this.cancel(pending);
    else {
      this.queue.push(pending);
      this.schedule();
    }
    return { sent: sent.promise, answer: answer.promise };
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // After the current turn: GETs queued by timers firing together join the same batch.
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < GRAPH_BATCHES_IN_FLIGHT && this.queue.length > 0) {
      const batch = this.queue.splice(0, GRAPH_BATCH_MAX);
      this.inFlight += 1;
      void this.send(batch);
    }
  }

  /** Frees the batch's slot and sends the next batch before anyone acts on this one's answers. */
  private done(): void {
    this.inFlight -= 1;
    this.pump();
  }

  private async send(batch: Pending[]): Promise<void> {
    for (const pending of batch) pending.sent.resolve();
    const gets = batch.map((pending, n) => ({ id: String(n), url: pending.url }));
    let answers: Map<string, HttpAnswer>;
    try {
      answers = await graphBatch(this.connection, gets, this.signal);
    } catch (error) {
      this.done();
      for (const pending of batch) pending.answer.reject(error);
      return;
    }
    this.done();
    batch.forEach((pending, n) => {
      const answer = answers.get(String(n));
      if (answer) pending.answer.resolve(answer);
      else
        pending.answer.reject(
          new RunFailure({
            step: 'graph-folder',
            message: `Microsoft Graph's batch answered no step with the id ${n}.`,
          }),
        );
    });
  }

  private cancel(pending: Pending): void {
    pending.sent.reject(new CancelledError());
    pending.answer.reject(new CancelledError());
  }

  private cancelQueued(): void {
    for (const pending of this.queue.splice(0)) this.cancel(pending);
  }
}
