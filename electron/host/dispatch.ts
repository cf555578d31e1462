import type { z } from 'zod';
import { AppError, contract, isMethodName, type Handlers } from '../../shared/contract';
import type { ApiErrorShape, Result } from '../../shared/contract';
import type { AppLog } from '../services/logs/app-log';
import { errorKind } from '../services/base/error-kind';

/**
 * Where failures are recorded: unexpected ones as errors, requests refused with a message written
 * for the user (an AppError's) as warnings. Entries never carry input values or other messages.
 */
export type FailureLog = (entry: {
  level: 'error' | 'warn';
  method: string;
  problem: string;
  detail: string;
}) => void;

/** One call across the boundary, whichever transport carried it. */
export type Dispatch = (method: string, input: unknown) => Promise<Result>;

const failedMessage = 'Something went wrong. The details are in the app log.';

/** Names the paths zod complained about; the values there may be secrets, so they stay out. */
const failingPaths = (error: z.ZodError): string =>
  [
    ...new Set(
      error.issues.map((issue) =>
        issue.path.length ? issue.path.map(String).join('.') : '(root)',
      ),
    ),
  ].join(', ');

/**
 * The error's kind and where it came from. V8 puts the message on the stack's first line and the
 * message may quote a secret, so only the frames are kept.
 */
export const describeThrown = (thrown: unknown): string => {
  if (!(thrown instanceof Error)) return errorKind(thrown);
  const frames = (thrown.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return [errorKind(thrown), ...frames].join('\n');
};

const fail = (error: ApiErrorShape): Result => ({ ok: false, error });

/**
 * Parses the input, runs the handler, checks the output. Whatever happens, the answer is a
 * `Result`; only messages written for the user (an `AppError`'s) cross unchanged.
 */
export async function dispatch(
  handlers: Handlers,
  method: string,
  input: unknown,
  log: FailureLog = () => {},
): Promise<Result> {
  if (!isMethodName(method)) {
    return fail({ code: 'unknown-method', message: 'The app does not know this request.' });
  }
  const spec = contract[method];
  const parsedInput = spec.input.safeParse(input);
  if (!parsedInput.success) {
    return fail({
      code: 'bad-input',
      message: `The request ${method} was not valid at: ${failingPaths(parsedInput.error)}.`,
    });
  }

  let output: unknown;
  try {
    const handler = handlers[method] as (input: unknown) => Promise<unknown>;
    output = await handler(parsedInput.data);
  } catch (thrown) {
    if (thrown instanceof AppError) {
      log({ level: 'warn', method, problem: `refused (${thrown.code})`, detail: thrown.message });
      return fail({ code: thrown.code, message: thrown.message });
    }
    log({ level: 'error', method, problem: 'handler threw', detail: describeThrown(thrown) });
    return fail({ code: 'failed', message: failedMessage });
  }

  // Parsing the output also strips any field the contract does not declare, so nothing extra leaks.
  const parsedOutput = spec.output.safeParse(output);
  if (!parsedOutput.success) {
    log({
      level: 'error',
      method,
      problem: 'answer broke the contract',
      detail: failingPaths(parsedOutput.error),
    });
    return fail({
      code: 'bad-output',
      message: 'The app produced an answer it could not deliver.',
    });
  }
  return { ok: true, value: parsedOutput.data };
}

export const createDispatch =
  (handlers: Handlers, log?: FailureLog): Dispatch =>
  (method, input) =>
    dispatch(handlers, method, input, log);

/** Before the app log is open (a failed start): stderr, which the terminal and Electron capture. */
export const stderrFailureLog: FailureLog = ({ method, problem, detail }) =>
  console.error(`[${new Date().toISOString()}] ${method}: ${problem}\n${detail}`);

/** The hosts' log: the app log (whose errors are echoed to stderr too). */
export const appLogFailureLog =
  (log: Pick<AppLog, 'warn' | 'error'>): FailureLog =>
  ({ level, method, problem, detail }) =>
    log[level](`${method}: ${problem}\n${detail}`);
