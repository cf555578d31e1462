import { getMaxListeners, setMaxListeners } from 'node:events';
import { AppError } from '../../../shared/contract/errors';
import {
  EXCHANGE_NOT_VALIDATED,
  type AccountCheckResult,
  type IncomingValidateInput,
  type IncomingValidateResult,
} from '../../../shared/contract/incoming';
import { describeFailure, diagnose, rawCode } from '../../../shared/diagnosis/diagnose';
import type { FieldError } from '../../../shared/settings/field-error';
import { accountFieldKey, type IncomingAccount } from '../../../shared/settings/incoming-settings';
import {
  DUPLICATE_EMAIL,
  validateIncomingSettings,
} from '../../../shared/settings/incoming-validation';
import { isCancellation } from '../base/abortable';
import type { EnvironmentRuntime } from '../environment/environment';
import { INCOMING_CLIENT_SECRET_ACCOUNT, incomingPasswordAccount } from '../keychain/entry-names';
import { keychainFailureFacts } from '../runs/keychain-failure';
import type { RunEngine } from '../runs/run-engine';
import type { Run } from '../runs/run';
import type { TokenBroker } from '../tokens/token-broker';
import {
  accountChecker,
  batchConnection,
  readsInBatches,
  type AccountOutcome,
  type CheckAccount,
} from './account-readers';
import { readInBatches } from './graph-batched-reads';
import { IMAP_TLS_PORT } from '../mail/imap/imap-client';
import { microsoftIdsOf } from '../../../shared/diagnosis/run-ids';
import { GRAPH_ADDRESS, appAccount } from '../../../shared/contract/test-log';
import { parseWholeNumber } from '../../../shared/settings/validators';

/** How many mailboxes are validated at once unless the caller says otherwise. */
export const DEFAULT_VALIDATION_CONCURRENCY = 8;

export interface MailboxValidationDeps {
  engine: RunEngine;
  environment: Pick<EnvironmentRuntime, 'route' | 'imapRoute'>;
  tokens: TokenBroker;
  concurrency?: number;
  /** A CA to trust next to the system roots for IMAP (a test server's throw-away CA). */
  imapCaPem?: string;
}

export interface MailboxValidation {
  validate(input: IncomingValidateInput): Promise<IncomingValidateResult>;
}

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

/** Whether each secret the run would use is set: from the run's one read of each entry. */
async function invalidInput(input: IncomingValidateInput, ids: string[], run: Run) {
  const isSet = async (account: string) => (await run.secret(account)) !== undefined;
  const presence = {
    clientSecret: await isSet(INCOMING_CLIENT_SECRET_ACCOUNT),
    passwords: Object.fromEntries(
      await Promise.all(ids.map(async (id) => [id, await isSet(incomingPasswordAccount(id))])),
    ),
  };
  return blockingErrors(validateIncomingSettings(input.form, presence, input.secrets).errors, ids);
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

function resultOf(
  account: IncomingAccount,
  outcome: AccountOutcome,
  flow: 'password' | 'client-secret' | undefined,
  clientId: string,
): AccountCheckResult {
  if (outcome.ok) {
    const { total, unread, newestSubjects: newest, newestAt } = outcome.inbox;
    return {
      id: account.id,
      ok: true,
      total,
      unread,
      newest,
      newestAt,
      lines: [`OK! ${total} messages, ${unread} unread`].concat(
        newestAt ? [`Newest message arrived: ${newestAt}`] : [],
      ),
    };
  }
  return {
    id: account.id,
    ok: false,
    lines: describeFailure(outcome.facts, flow, clientId, 'incoming-mail'),
    diagnosisId: diagnose(outcome.facts)?.id,
    facts: outcome.facts,
  };
}

/** The service, API, address and account one mailbox's check used, for its Test log entry. */
function validatedTarget({ form, through }: IncomingValidateInput, account: IncomingAccount) {
  const host = form.serverName.trim();
  const port = parseWholeNumber(form.port) ?? 0;
  const user = account.userName.trim() || account.email.trim();
  if (form.service !== 'exchange-online')
    return { service: form.service, server: `${host}:${port || IMAP_TLS_PORT}`, account: user };
  const api = through ?? 'ews';
  const server = api === 'graph' ? GRAPH_ADDRESS : `${host}:${port || 443}`;
  const signedIn = form.authFlow === 'client-secret' ? appAccount(form.clientId) : user;
  return { service: form.service, api, server, account: signedIn };
}

/** One account's result: its row, a progress event and a Test log entry. */
async function record(
  run: Run,
  input: IncomingValidateInput,
  tally: { results: AccountCheckResult[]; total: number },
  account: IncomingAccount,
  found: AccountOutcome,
) {
  const { form } = input;
  const flow = form.service === 'exchange-online' ? form.authFlow : undefined;
  const outcome = found.ok ? found : { ...found, facts: run.redactFacts(found.facts) };
  const result = resultOf(account, outcome, flow, form.clientId.trim());
  tally.results.push(result);
  run.progress({
    kind: 'account',
    done: tally.results.length,
    total: tally.total,
    accountId: account.id,
    ok: result.ok,
  });
  await run.log({
    procedure: 'incoming-mail',
    flow,
    ...validatedTarget(input, account),
    ...microsoftIdsOf(outcome.ok ? undefined : outcome.facts),
    mailbox: account.email.trim(),
    ok: result.ok,
    outcome: result.ok ? 'ok' : 'failed',
    code: outcome.ok ? undefined : rawCode(outcome.facts),
    diagnosisId: result.diagnosisId,
    steps: outcome.steps,
    durationMs: outcome.steps.reduce((sum, s) => sum + s.ms, 0),
    throttledMs: outcome.throttledMs || undefined,
    summary: result.ok ? 'OK!' : (result.lines[0] ?? 'Failed'),
  });
}

/** Checks `accounts`, `concurrency` at once, until done or cancelled. */
async function validateAccounts(
  input: IncomingValidateInput,
  accounts: IncomingAccount[],
  run: Run,
  checker: () => Promise<CheckAccount> | CheckAccount,
  concurrency: number,
): Promise<IncomingValidateResult> {
  const tally = { results: [] as AccountCheckResult[], total: accounts.length };
  run.progress({ kind: 'account', done: 0, total: accounts.length });
  try {
    const check = await checker();
    await pool(accounts, concurrency, run.signal, async (account) => {
      const outcome = await check(account);
      if (!run.signal.aborted) await record(run, input, tally, account, outcome);
    });
  } catch (error) {
    if (!isCancellation(error, run.signal)) throw error;
  }
  const outcome = run.signal.aborted ? 'cancelled' : 'done';
  return { runId: input.runId, outcome, results: tally.results };
}

/** Through Graph with Client secret: the reads go in `$batch` requests on one token. */
async function validateInBatches(
  input: IncomingValidateInput,
  accounts: IncomingAccount[],
  run: Run,
  deps: MailboxValidationDeps,
): Promise<IncomingValidateResult> {
  const tally = { results: [] as AccountCheckResult[], total: accounts.length };
  run.progress({ kind: 'account', done: 0, total: accounts.length });
  const recordOne = (account: IncomingAccount, outcome: AccountOutcome) =>
    record(run, input, tally, account, outcome);
  try {
    const shared = await batchConnection({ ...deps, input, run });
    if ('ok' in shared) for (const account of accounts) await recordOne(account, shared);
    else {
      // Every account of the batches may wait out throttling at once, each on the run's signal.
      setMaxListeners(getMaxListeners(run.signal) + accounts.length, run.signal);
      const steps = (account: IncomingAccount) => run.steps({ accountId: account.id });
      await readInBatches({ ...shared, signal: run.signal, steps, record: recordOne }, accounts);
    }
  } catch (error) {
    if (!isCancellation(error, run.signal)) throw error;
  }
  const outcome = run.signal.aborted ? 'cancelled' : 'done';
  return { runId: input.runId, outcome, results: tally.results };
}

/**
 * Validate selected / Validate all: each account's mailbox opened through the reader of the
 * form's Service (EWS for Exchange Online, IMAP); Exchange (on-premises) is not validated. At most
 * `concurrency` accounts at once, a progress event and a Test log entry per account, cancellable.
 */
export function createMailboxValidation(deps: MailboxValidationDeps): MailboxValidation {
  const concurrency = Math.max(1, deps.concurrency ?? DEFAULT_VALIDATION_CONCURRENCY);
  const validateAll = (
    input: IncomingValidateInput,
    accounts: IncomingAccount[],
    run: Run,
    checker: () => Promise<CheckAccount> | CheckAccount,
  ) => validateAccounts(input, accounts, run, checker, concurrency);

  return {
    validate: async (input) => {
      const { runId, form } = input;
      if (form.service === 'exchange')
        return { runId, outcome: 'unsupported', results: [], message: EXCHANGE_NOT_VALIDATED };

      const ids = [...new Set(input.accountIds)];
      const rows = new Map(form.accounts.map((a) => [a.id, a]));
      const accounts = ids.map((id) => rows.get(id));
      if (accounts.some((a) => a === undefined))
        throw new AppError('bad-input', 'A row to validate is not in the form.');
      const rowsToCheck = accounts as IncomingAccount[];
      return deps.engine.start(
        runId,
        async (run) => {
          let errors: FieldError[];
          try {
            errors = await invalidInput(input, ids, run);
          } catch (error) {
            // The secrets could not be read: every row says why, with the keychain's own fix.
            const facts = keychainFailureFacts(error, 'validate');
            if (!facts) throw error;
            const keychainFailed: CheckAccount = async () => ({ ok: false, facts, steps: [] });
            return validateAll(input, rowsToCheck, run, () => keychainFailed);
          }
          if (errors.length > 0) return { runId, outcome: 'invalid', results: [], errors };
          if (readsInBatches(input)) return validateInBatches(input, rowsToCheck, run, deps);
          return validateAll(input, rowsToCheck, run, () =>
            accountChecker({ ...deps, input, run }),
          );
        },
        deps.tokens,
      );
    },
  };
}
