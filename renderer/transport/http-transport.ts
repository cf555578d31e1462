import type { Transport } from '../../shared/contract/client';
import { resultSchema, type Result } from '../../shared/contract/errors';
import { createSseParser } from './sse';

const failure = (message: string): Result => ({ ok: false, error: { code: 'failed', message } });

const isRefused = (status: number) => status === 401 || status === 403;

const INITIAL_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 30_000;
/**
 * How long the event stream stays open after its last listener left. Each run listens only while
 * it runs, so without this every Test opened a new stream (an extra request the host served
 * beside the run's own, ~15 ms before its answer, BENCHMARKS.md) and its first events could pass
 * before the stream was up.
 */
export const STREAM_LINGER_MS = 60_000;

type Headers = Record<string, string>;

/** One call: a POST carrying the launch token, its answer checked to be a Result. */
async function invokeOverHttp(
  headers: Headers,
  onRefused: () => void,
  method: string,
  input: unknown,
): Promise<Result> {
  let response: Response;
  try {
    response = await fetch('/api/invoke', {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ method, input }),
    });
  } catch {
    return failure('The app cannot be reached. Is it still running?');
  }
  if (isRefused(response.status)) {
    onRefused();
    return failure('This page is no longer connected to the app.');
  }
  const parsed = resultSchema.safeParse(await response.json().catch(() => undefined));
  return parsed.success ? parsed.data : failure(`The app answered with HTTP ${response.status}.`);
}

type Emit = (event: string, data: string) => void;

/** Reads one connection to its end; 'opened' means it got through, so back-off starts over. */
async function readStream(
  headers: Headers,
  signal: AbortSignal,
  emit: Emit,
): Promise<'refused' | 'failed' | 'opened'> {
  const response = await fetch('/api/events', { headers, signal });
  if (isRefused(response.status)) return 'refused';
  if (!response.ok || !response.body) return 'failed';
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const parse = createSseParser();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return 'opened';
    for (const message of parse(value)) emit(message.event, message.data);
  }
}

/** Keeps the event stream open, reconnecting with back-off, until `signal` closes it. */
async function keepStreamOpen(
  headers: Headers,
  signal: AbortSignal,
  emit: Emit,
  onRefused: () => void,
) {
  let delay = INITIAL_BACKOFF_MS;
  while (!signal.aborted) {
    const outcome = await readStream(headers, signal, emit).catch(() => 'failed' as const);
    if (outcome === 'refused') {
      onRefused();
      break;
    }
    if (signal.aborted) break;
    delay = outcome === 'opened' ? INITIAL_BACKOFF_MS : Math.min(delay * 2, MAX_BACKOFF_MS);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/** Listeners by event over one SSE stream, open while any listen and `lingerMs` after. */
function createEventStream(
  headers: Headers,
  onRefused: () => void,
  lingerMs: number,
): Transport['on'] {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const emit: Emit = (event, data) => {
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      return;
    }
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };

  let abort: AbortController | undefined;
  let closing: ReturnType<typeof setTimeout> | undefined;
  const closeWhenUnused = () => {
    clearTimeout(closing);
    closing = setTimeout(() => {
      closing = undefined;
      if (listeners.size > 0) return;
      abort?.abort();
      abort = undefined;
    }, lingerMs);
  };
  // Opened on the first subscription; reconnects with back-off until it is closed as unused.
  const open = async () => {
    abort = new AbortController();
    const { signal } = abort;
    await keepStreamOpen(headers, signal, emit, onRefused);
    if (abort?.signal === signal) abort = undefined;
  };

  return (event, listener) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    clearTimeout(closing);
    if (!abort) void open();
    return () => {
      set.delete(listener);
      if (set.size === 0) listeners.delete(event);
      if (listeners.size === 0) closeWhenUnused();
    };
  };
}

/**
 * The browser host's side of the contract: one POST per call, and one SSE stream for events,
 * both carrying the launch token. `onRefused` fires when the host no longer accepts the token.
 */
export function createHttpTransport(
  token: string,
  onRefused: () => void,
  lingerMs = STREAM_LINGER_MS,
): Transport {
  const headers = { Authorization: `Bearer ${token}` };
  return {
    invoke: (method, input) => invokeOverHttp(headers, onRefused, method, input),
    on: createEventStream(headers, onRefused, lingerMs),
  };
}
