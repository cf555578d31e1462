import type { StepTiming } from '../../shared/contract/check';
import { AppError } from '../../shared/contract/errors';
import {
  EXCHANGE_NOT_VALIDATED,
  type AccountCheckResult,
  type IncomingProgress,
  type IncomingValidateInput,
  type IncomingValidateResult,
} from '../../shared/contract/incoming';
import { describeFailure, diagnose, rawCode } from '../../shared/diagnosis/diagnose';
import type { FailureFacts } from '../../shared/diagnosis/failure';
import type { FieldError } from '../../shared/settings/field-error';
import {
  DUPLICATE_EMAIL,
  accountFieldKey,
  validateIncomingSettings,
  type IncomingAccount,
} from '../../shared/settings/incoming-settings';
import { parseWholeNumber } from '../../shared/settings/validators';
import { CancelledError } from './abortable';
import type { SecretVault } from './contracts';
import type { EnvironmentRuntime } from './environment';
import { EwsFailure, inspectInbox } from './ews-client';
import { validateImapAccount } from './imap-validator';
import {
  INCOMING_CLIENT_SECRET_ACCOUNT,
  incomingPasswordAccount,
} from './incoming-settings-service';
import { redactSecrets } from './redact';
import type { TestLog } from './test-log';
import { TokenFailure, type AcquiredToken, type TokenBroker } from './token-broker';

/** How many mailboxes are validated at once unless the caller says otherwise. */
export const DEFAULT_VALIDATION_CONCURRENCY = 8;

export interface MailboxValidationDeps {
  vault: SecretVault;
  environment: Pick<EnvironmentRuntime, 'route' | 'current'>;
  tokens: TokenBroker;
  testLog: Pick<TestLog, 'append'>;
  emit(progress: IncomingProgress): void;
  concurrency?: number;
  /** A CA to trust next to the system roots for IMAP (a test server's throw-away CA). */
  imapCaPem?: string;
  now?: () => number;
}

export interface MailboxValidation {
  validate(input: IncomingValidateInput): Promise<IncomingValidateResult>;
  /** Whether a run of that id was running. */
  cancel(runId: string): boolean;
}

/** What one account's check found, before it becomes a row result and a Test log entry. */
type Outcome =
  | { ok: true; total: number; unread: number; newest: string[]; steps: StepTiming[] }
  | { ok: false; facts: FailureFacts; steps: StepTiming[] };

type CheckAccount = (account: IncomingAccount) => Promise<Outcome>;

interface RunContext {
  input: IncomingValidateInput;
  signal: AbortSignal;
  deps: MailboxValidationDeps;
  now: () => number;
}

const isCancellation = (error: unknown) =>
  error instanceof CancelledError || (error instanceof AppError && error.code === 'cancelled');

/** The server fields a mailbox check uses; the others (polling interval) never stop a run. */
const serverFieldsUsed = new Set(['serverName', 'port', 'clientId', 'tenantId', 'clientSecret']);
const accountColumnsUsed = ['email', 'userName', 'password'] as const;

/**
 * The form's errors that would make the checks of `ids` meaningless. An address used twice is
 * still a well-formed address whose mailbox can be checked, so it does not stop a run.
 */
function blockingErrors(errors: FieldError[], ids: readonly string[]): FieldError[] {
  const cells = new Set(
    ids.flatMap((id) => accountColumnsUsed.map((column) => accountFieldKey(id, column))),
  );
  return errors.filter(
    (e) => serverFieldsUsed.has(e.field) || (cells.has(e.field) && e.message !== DUPLICATE_EMAIL),
  );
}

/** Runs `work` on every item with at most `limit` at once; takes no new item after an abort. */
async function pool<T>(
  items: readonly T[],
  limit: number,
  signal: AbortSignal,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (!signal.aborted && next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function timed<T>(
  step: StepTiming['step'],
  steps: StepTiming[],
  now: () => number,
  work: () => Promise<T>,
): Promise<T> {
  const start = now();
  try {
    const value = await work();
    steps.push({ step, ms: now() - start, ok: true });
    return value;
  } catch (error) {
    steps.push({ step, ms: now() - start, ok: false });
    throw error;
  }
}

/**
 * A token or EWS failure as an outcome, with the secrets the check used cut out of the server's
 * message (it reaches the grid, the Test log and the settings file); anything else (a
 * cancellation, a bug) goes on up.
 */
function failureOf(error: unknown, steps: StepTiming[], secrets: readonly string[]): Outcome {
  if (error instanceof TokenFailure || error instanceof EwsFailure)
    return {
      ok: false,
      facts: { ...error.facts, message: redactSecrets(error.facts.message, secrets) },
      steps,
    };
  throw error;
}

/**
 * One run reads each keychain entry at most once: whether a password is set (validation) and the
 * password itself (the check) come from the same read.
 */
function readingOnce(vault: SecretVault): SecretVault {
  const reads = new Map<string, Promise<string | undefined>>();
  const read = (account: string) => {
    let value = reads.get(account);
    if (!value) reads.set(account, (value = vault.read(account)));
    return value;
  };
  return {
    read,
    isSet: async (account) => (await read(account)) !== undefined,
    set: (account, value) => vault.set(account, value),
    clear: (account) => vault.clear(account),
    accounts: (prefix) => vault.accounts(prefix),
  };
}

/** The secret a check uses: the one typed in the form (not yet saved), else the keychain's. */
async function secretFor(
  vault: SecretVault,
  account: string,
  change: IncomingValidateInput['secrets']['clientSecret'],
): Promise<string> {
  if (change?.action === 'set') return change.value;
  if (change?.action === 'clear') return '';
  return (await vault.read(account)) ?? '';
}

function imapChecker({ input, signal, deps, now }: RunContext): CheckAccount {
  const { form, secrets } = input;
  return async (account) => {
    const password = await secretFor(
      deps.vault,
      incomingPasswordAccount(account.id),
      secrets.passwords?.[account.id],
    );
    const start = now();
    const result = await validateImapAccount({
      host: form.serverName.trim(),
      port: parseWholeNumber(form.port) ?? 0,
      credentials: { kind: 'password', user: account.userName.trim(), password },
      extraCaPem: deps.imapCaPem,
      signal,
    });
    const steps: StepTiming[] = [{ step: 'imap', ms: now() - start, ok: result.ok }];
    return result.ok
      ? { ok: true, total: result.total, unread: result.unread, newest: result.newest, steps }
      : { ok: false, facts: result.facts, steps };
  };
}

/**
 * Exchange Online: the app-only token is acquired once before the batch and impersonates each
 * mailbox; User name/Password acquires a token per account, which then reads its own inbox.
 */
async function exchangeOnlineChecker({
  input,
  signal,
  deps,
  now,
}: RunContext): Promise<CheckAccount> {
  const { form, secrets } = input;
  const serverAddress = form.serverName.trim();
  const route = await deps.environment.route({
    tenantId: form.tenantId.trim(),
    serverAddress,
    port: parseWholeNumber(form.port) ?? 0,
  });
  const request = { route, flow: form.authFlow, clientId: form.clientId.trim(), serverAddress };

  const inspect = async (
    token: AcquiredToken,
    email: string,
    steps: StepTiming[],
  ): Promise<Outcome> => {
    const impersonate = form.authFlow === 'client-secret' ? { impersonate: email } : {};
    const inbox = await timed('folder', steps, now, () =>
      inspectInbox({ route, accessToken: token.accessToken, ...impersonate }, email, signal),
    );
    const { total, unread, newestSubjects: newest } = inbox;
    return { ok: true, total, unread, newest, steps };
  };

  if (form.authFlow === 'client-secret') {
    const secret = await secretFor(
      deps.vault,
      INCOMING_CLIENT_SECRET_ACCOUNT,
      secrets.clientSecret,
    );
    const tokenSteps: StepTiming[] = [];
    let batch: AcquiredToken | Outcome;
    try {
      batch = await timed('token', tokenSteps, now, () =>
        deps.tokens.acquire({ ...request, userName: '', secret }, signal),
      );
    } catch (error) {
      batch = failureOf(error, tokenSteps, [secret]);
    }
    const token = batch;
    return async (account) => {
      const steps = [...tokenSteps];
      if (!('accessToken' in token)) return { ...token, steps };
      return inspect(token, account.email.trim(), steps).catch((e: unknown) =>
        failureOf(e, steps, [secret, token.accessToken]),
      );
    };
  }

  return async (account) => {
    const steps: StepTiming[] = [];
    const used: string[] = [];
    try {
      const password = await secretFor(
        deps.vault,
        incomingPasswordAccount(account.id),
        secrets.passwords?.[account.id],
      );
      used.push(password);
      const token = await timed('token', steps, now, () =>
        deps.tokens.acquire(
          { ...request, userName: account.userName.trim(), secret: password },
          signal,
        ),
      );
      used.push(token.accessToken);
      return await inspect(token, account.email.trim(), steps);
    } catch (error) {
      return failureOf(error, steps, used);
    }
  };
}

function resultOf(
  account: IncomingAccount,
  outcome: Outcome,
  flow: 'password' | 'client-secret' | undefined,
): AccountCheckResult {
  if (outcome.ok)
    return {
      id: account.id,
      ok: true,
      total: outcome.total,
      unread: outcome.unread,
      newest: outcome.newest,
      lines: [`OK! ${outcome.total} messages, ${outcome.unread} unread`],
    };
  return {
    id: account.id,
    ok: false,
    lines: describeFailure(outcome.facts, flow),
    diagnosisId: diagnose(outcome.facts)?.id,
    facts: outcome.facts,
  };
}

/**
 * Validate selected / Validate all. For Exchange Online a token per the flow and the inbox's
 * counts and newest subjects over EWS; for IMAP a TLS login and INBOX; Exchange (on-premises) is
 * not validated. At most `concurrency` accounts at once, a progress event per account,
 * cancellable; each account's result goes to the Test log (names, codes and timings only).
 */
export function createMailboxValidation(deps: MailboxValidationDeps): MailboxValidation {
  const concurrency = Math.max(1, deps.concurrency ?? DEFAULT_VALIDATION_CONCURRENCY);
  const now = deps.now ?? Date.now;
  const runs = new Map<string, AbortController>();

  const invalidInput = async (input: IncomingValidateInput, ids: string[], vault: SecretVault) => {
    const { form, secrets } = input;
    const presence = {
      clientSecret: await vault.isSet(INCOMING_CLIENT_SECRET_ACCOUNT),
      passwords: Object.fromEntries(
        await Promise.all(
          ids.map(async (id) => [id, await vault.isSet(incomingPasswordAccount(id))]),
        ),
      ),
    };
    return blockingErrors(validateIncomingSettings(form, presence, secrets).errors, ids);
  };

  const run = async (
    input: IncomingValidateInput,
    accounts: IncomingAccount[],
    signal: AbortSignal,
    vault: SecretVault,
  ): Promise<IncomingValidateResult> => {
    const { runId, form } = input;
    const flow = form.service === 'exchange-online' ? form.authFlow : undefined;
    const time = new Date(now()).toISOString();
    const results: AccountCheckResult[] = [];

    const record = async (account: IncomingAccount, outcome: Outcome) => {
      const result = resultOf(account, outcome, flow);
      results.push(result);
      deps.emit({
        runId,
        done: results.length,
        total: accounts.length,
        accountId: account.id,
        ok: result.ok,
      });
      await deps.testLog.append({
        time,
        environment: deps.environment.current(),
        procedure: 'incoming-mail',
        flow,
        mailbox: account.email.trim(),
        ok: result.ok,
        outcome: result.ok ? 'ok' : 'failed',
        code: outcome.ok ? undefined : rawCode(outcome.facts),
        diagnosisId: result.diagnosisId,
        steps: outcome.steps,
        durationMs: outcome.steps.reduce((sum, s) => sum + s.ms, 0),
        summary: result.ok ? 'OK!' : (result.lines[0] ?? 'Failed'),
      });
    };

    deps.emit({ runId, done: 0, total: accounts.length });
    const context: RunContext = { input, signal, deps: { ...deps, vault }, now };
    try {
      const check =
        form.service === 'imap' ? imapChecker(context) : await exchangeOnlineChecker(context);
      await pool(accounts, concurrency, signal, async (account) => {
        const outcome = await check(account);
        if (!signal.aborted) await record(account, outcome);
      });
    } catch (error) {
      if (!isCancellation(error)) throw error;
    }
    return { runId, outcome: signal.aborted ? 'cancelled' : 'done', results };
  };

  return {
    cancel: (runId) => {
      const controller = runs.get(runId);
      controller?.abort();
      return controller !== undefined;
    },

    validate: async (input) => {
      const { runId, form } = input;
      if (form.service === 'exchange')
        return { runId, outcome: 'unsupported', results: [], message: EXCHANGE_NOT_VALIDATED };

      const ids = [...new Set(input.accountIds)];
      const rows = new Map(form.accounts.map((a) => [a.id, a]));
      const accounts = ids.map((id) => rows.get(id));
      if (accounts.some((a) => a === undefined))
        throw new AppError('bad-input', 'A row to validate is not in the form.');
      const vault = readingOnce(deps.vault);
      const errors = await invalidInput(input, ids, vault);
      if (errors.length > 0) return { runId, outcome: 'invalid', results: [], errors };

      const controller = new AbortController();
      runs.set(runId, controller);
      try {
        return await run(input, accounts as IncomingAccount[], controller.signal, vault);
      } finally {
        runs.delete(runId);
      }
    },
  };
}
