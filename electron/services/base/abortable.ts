import { AppError } from '../../../shared/contract/errors';

/** Raised when a run is cancelled: whatever was in flight is abandoned and its result discarded. */
export class CancelledError extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'CancelledError';
  }
}

/**
 * Settles with `work`, or rejects with CancelledError as soon as `signal` aborts. The clients we
 * drive (msal-node, ews-javascript-api) take no signal, so the request may still finish in the
 * background; its result is dropped.
 */
export function abortable<T>(work: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    work.catch(() => {});
    return Promise.reject(new CancelledError());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      work.catch(() => {});
      reject(new CancelledError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Waits `ms`, or rejects with CancelledError at once when `signal` aborts. */
export const sleep = (ms: number, signal?: AbortSignal): Promise<void> => {
  let timer: NodeJS.Timeout | undefined;
  const wait = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return abortable(wait, signal).finally(() => clearTimeout(timer));
};

/**
 * Whether a failure is a cancellation: what an abort raises (CancelledError, or a client's
 * AppError 'cancelled'), or anything at all once `signal` aborted, since the run it belonged to
 * is over and its result is dropped.
 */
export const isCancellation = (error: unknown, signal?: AbortSignal): boolean =>
  error instanceof CancelledError ||
  (error instanceof AppError && error.code === 'cancelled') ||
  signal?.aborted === true;
