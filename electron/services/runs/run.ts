import type { Environment } from '../../../shared/contract/environment';
import type { RunProgress } from '../../../shared/contract/runs';
import type { FailureFacts } from '../../../shared/diagnosis/failure';
import {
  MICROSOFT_CORRELATION_ID_LABEL,
  MICROSOFT_REQUEST_ID_LABEL,
} from '../../../shared/diagnosis/run-ids';
import type { SecretChange } from '../../../shared/settings/secrets';
import { throttlingHeld } from '../../../shared/contract/test-log';
import { redactSecrets } from '../base/redact';
import type { SecretVault } from '../keychain/secret-vault';
import type { AppLog } from '../logs/app-log';
import type { TestLogChange } from '../../../shared/contract/test-log';
import type { NewTestLogEntry, TestLog } from '../logs/test-log';
import type { AcquiredToken, TokenBroker, TokenRequest } from '../tokens/token-broker';
import type { RunClock } from './run-clock';
import type { RetryPolicy } from './retry-policy';
import { StepRecorder, type StepEvent } from './step-recorder';

type WithoutRunId<T> = T extends unknown ? Omit<T, 'runId'> : never;

/** A Test log entry as a run writes it: the engine adds the time and the environment. */
export type RunLogEntry = Omit<NewTestLogEntry, 'time' | 'environment' | 'runId'>;

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
  /**
   * The secret a step signs in with: the one the run brings (typed, not yet saved; cleared is
   * none), else the keychain's entry. Concealed either way. The one way a step gets a secret.
   */
  credential(account: string, change: SecretChange | undefined): Promise<string | undefined>;
  /** A token from the run's broker (cached by the secret's fingerprint), concealed at once. */
  token(request: TokenRequest): Promise<AcquiredToken>;
  /** A value (typed secret, token) to cut out of every line, fact and Test log entry. */
  conceal(value: string | undefined): void;
  redact(text: string): string;
  redactFacts(facts: FailureFacts): FailureFacts;
  /**
   * Timed steps. `true` pushes each step's progress (the Check dialog follows them); an account
   * pushes only its waits, each with its id, so its grid row shows the countdown.
   */
  steps(watched: boolean | { accountId: string }): StepRecorder;
  progress(event: WithoutRunId<RunProgress>): void;
  /** Appends one redacted Test log entry; answers its id, or why it could not be written. */
  log(entry: RunLogEntry): Promise<{ id: string } | { error: string }>;
  /** Updates the run's entry once following it ends (redacted); the app log says so. */
  amendLog(id: string, change: TestLogChange): Promise<void>;
}

/** What a run is opened with: the engine's services, and this run's id, signal and broker. */
export interface RunContext {
  id: string;
  signal: AbortSignal;
  clock: RunClock;
  policy: RetryPolicy;
  vault: Pick<SecretVault, 'read'>;
  testLog: Pick<TestLog, 'append' | 'amend'>;
  environment: { current(): Environment };
  emit(event: RunProgress): void;
  appLog?: Pick<AppLog, 'info' | 'warn'>;
  /** Where the run's tokens come from (the Check dialog and validations keep one each). */
  tokens: Pick<TokenBroker, 'acquire'>;
}

/** A run's end for the app log: what ran, the verdict and the code, already redacted. */
const endLine = (id: string, entry: NewTestLogEntry): string =>
  [
    `Run ${id} ended: ${entry.procedure}`,
    entry.server && `server ${entry.server}`,
    entry.flow && `flow ${entry.flow}`,
    entry.mailbox && `mailbox ${entry.mailbox}`,
    `${entry.ok ? 'OK' : 'failed'} (${entry.outcome})`,
    entry.code && `code ${entry.code}`,
    entry.diagnosisId && `diagnosis ${entry.diagnosisId}`,
    entry.correlationId && `${MICROSOFT_CORRELATION_ID_LABEL} ${entry.correlationId}`,
    entry.requestId && `${MICROSOFT_REQUEST_ID_LABEL} ${entry.requestId}`,
    `${entry.durationMs} ms`,
    entry.throttledMs && throttlingHeld(entry.throttledMs),
    `"${entry.summary}"`,
  ]
    .filter(Boolean)
    .join(', ');

/** Writes the run's Test log entry (and its app log line), redacted. */
async function writeLog(context: RunContext, run: Run, entry: RunLogEntry) {
  const full = {
    ...entry,
    runId: run.id,
    time: run.startedAt.toISOString(),
    environment: context.environment.current(),
    summary: run.redact(entry.summary),
    code: entry.code === undefined ? undefined : run.redact(entry.code),
  };
  context.appLog?.info(endLine(context.id, full));
  try {
    const written = await context.testLog.append(full);
    return { id: written.id };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'write failed';
    context.appLog?.warn(`Run ${context.id}: the Test log entry could not be written (${code})`);
    return { error: code };
  }
}

/** The run's entry updated (FLOWS.md §11: the delivery lines, a bounce's failure), redacted. */
async function amendLog(context: RunContext, run: Run, entryId: string, change: TestLogChange) {
  const redacted: TestLogChange = { ...change };
  if (change.delivery) redacted.delivery = change.delivery.map(run.redact);
  if (change.summary !== undefined) redacted.summary = run.redact(change.summary);
  const line = change.outcome
    ? `${change.ok ? 'OK' : 'failed'} (${change.outcome})`
    : 'lines added';
  try {
    const found = await context.testLog.amend(entryId, redacted);
    context.appLog?.info(`Run ${context.id} delivery followed: ${found ? line : 'entry gone'}`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'write failed';
    context.appLog?.warn(`Run ${context.id}: the Test log entry could not be updated (${code})`);
  }
}

/** The run's secrets and tokens: each keychain entry read once, everything it saw concealed. */
function secretsOf(context: RunContext) {
  const concealed: string[] = [];
  const reads = new Map<string, Promise<string | undefined>>();
  const conceal = (value: string | undefined) => {
    if (value) concealed.push(value);
  };
  const secret = (account: string) => {
    let value = reads.get(account);
    if (!value) {
      value = context.vault.read(account).then((read) => (conceal(read), read));
      reads.set(account, value);
    }
    return value;
  };
  const credential = async (account: string, change: SecretChange | undefined) => {
    if (change?.action === 'clear') return undefined;
    if (change?.action !== 'set') return secret(account);
    conceal(change.value);
    return change.value;
  };
  const token = async (request: TokenRequest) => {
    const acquired = await context.tokens.acquire(request, context.signal);
    conceal(acquired.accessToken);
    return acquired;
  };
  const redact = (text: string) => redactSecrets(text, concealed);
  return { conceal, secret, credential, token, redact };
}

/** Which step events go out: all, none, or an account's waits (and the end of each). */
function reporter(
  watched: boolean | { accountId: string },
  push: (event: StepEvent) => void,
): ((event: StepEvent) => void) | undefined {
  if (typeof watched === 'boolean') return watched ? push : undefined;
  const { accountId } = watched;
  return (event) => {
    const waitEnded = event.state === 'running' && (event.attempt ?? 1) > 1;
    if (event.state === 'waiting' || waitEnded) push({ ...event, accountId });
  };
}

/** Opens one run: its clock, its secrets and what it conceals, its progress and its log. */
export function openRun(context: RunContext): Run {
  const { id, signal, clock, policy } = context;
  const started = clock.now();
  const secrets = secretsOf(context);
  const run: Run = {
    id,
    signal,
    startedAt: clock.date(),
    clock,
    elapsed: () => Math.round(clock.now() - started),
    ...secrets,
    redactFacts: (facts) => ({ ...facts, message: secrets.redact(facts.message) }),
    steps: (watched) =>
      new StepRecorder({
        signal,
        clock,
        policy,
        conceal: secrets.conceal,
        report: reporter(watched, (event) => run.progress({ kind: 'step', ...event })),
      }),
    progress: (event) => context.emit({ runId: id, ...event }),
    log: (entry) => writeLog(context, run, entry),
    amendLog: (entryId, change) => amendLog(context, run, entryId, change),
  };
  return run;
}
