import type { RunProgress } from '../../../shared/contract/runs';

/** A row whose check waits out Microsoft's throttling: what the row's countdown shows. */
export interface RowWait {
  /** When (ms since epoch) the check tries again. */
  until: number;
  /** The try that comes then: 2 for the first retry. */
  attempt: number;
  /** What was answered ("HTTP 429, ApplicationThrottled"); the host is the same on every row. */
  why: string;
  /** With this wait, how long throttling holds the row, and the most the app waits in all. */
  waitedSeconds?: number;
  boundSeconds?: number;
}

export type RowWaits = Readonly<Record<string, RowWait>>;

/**
 * The rows' waits after one progress event: a wait starts or goes on (the same try keeps its
 * entry, so the row does not render again each second), ends when the check runs again, and
 * the row's result ends it too.
 */
export function withProgress(waits: RowWaits, event: RunProgress, now: number): RowWaits {
  if (event.kind === 'delivery' || event.accountId === undefined) return waits;
  const id = event.accountId;
  if (event.kind === 'step' && event.state === 'waiting') {
    const attempt = event.attempt ?? 2;
    if (waits[id]?.attempt === attempt) return waits;
    const wait: RowWait = {
      until: now + (event.retryInSeconds ?? 0) * 1000,
      attempt,
      why: event.reason ?? '',
      ...event.throttle,
    };
    return { ...waits, [id]: wait };
  }
  if (!(id in waits)) return waits;
  const { [id]: _ended, ...others } = waits;
  return others;
}
