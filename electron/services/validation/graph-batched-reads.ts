import type { StepTiming } from '../../../shared/contract/check';
import type { IncomingAccount } from '../../../shared/settings/incoming-settings';
import {
  GRAPH_BATCH_MAX,
  graphBatch,
  type BatchedGet,
  type StepAnswer as HttpAnswer,
} from '../mail/graph/graph-batch';
import {
  graphFailureFacts,
  graphRequest,
  parseGraphBody,
  userPath,
  type GraphConnection,
} from '../mail/graph/graph-http';
import { mailFolder, messageList, NEWEST } from '../mail/graph/graph-reader';
import { RunFailure } from '../mail/failure';
import type { StepRecorder } from '../runs/step-recorder';
import type { AccountOutcome } from './account-readers';

/** Two reads per account (the Inbox's counts, its newest messages): ten accounts a batch. */
const ACCOUNTS_PER_BATCH = GRAPH_BATCH_MAX / 2;
/** Batches in flight, as Outlook's batching guidance allows up to four at once. */
export const BATCHES_IN_FLIGHT = 4;

export interface BatchedReads {
  connection: GraphConnection;
  signal: AbortSignal;
  /** The token step's timings, shared by every account. */
  tokenSteps: StepTiming[];
  /** One account's steps: its timings, its retries and their countdown in its row. */
  steps(account: IncomingAccount): StepRecorder;
  record(account: IncomingAccount, outcome: AccountOutcome): Promise<void>;
}

const paths = (email: string) => {
  const inbox = `${userPath(email).slice('/v1.0'.length)}/mailFolders/inbox`;
  return { folder: inbox, list: `${inbox}/messages?${NEWEST}` };
};

/** The batch's answers, or the failure of the `$batch` request itself. */
type BatchAnswers = Map<string, HttpAnswer> | RunFailure;

/**
 * One read of the account: its answer in the batch first; throttled there (429/503, or the whole
 * batch throttled), it is sent again alone after the Retry-After (seconds or an HTTP date),
 * within the bound on the account's throttling, the countdown in its row.
 */
async function read(
  reads: BatchedReads,
  steps: StepRecorder,
  batch: { answers: Promise<BatchAnswers>; failed: boolean },
  get: { id: string; url: string },
): Promise<HttpAnswer> {
  const { connection, signal } = reads;
  let first = !batch.failed;
  return steps.retrying(async () => {
    const call = { method: 'GET' as const, path: `/v1.0${get.url}` };
    if (!first) return graphRequest(connection, 'graph-folder', call, 200, signal);
    first = false;
    const answers = await batch.answers;
    // The account's other read goes alone at once: this one waits out the batch's failure.
    if (answers instanceof RunFailure) throw ((batch.failed = true), answers);
    const answer = answers.get(get.id);
    if (answer?.status === 200) return answer;
    throw new RunFailure(
      answer
        ? graphFailureFacts('graph-folder', connection.route, answer)
        : { step: 'graph-folder', message: `Microsoft Graph's batch had no answer for ${get.id}.` },
    );
  });
}

async function accountOutcome(
  reads: BatchedReads,
  account: IncomingAccount,
  batch: Promise<BatchAnswers>,
  key: string,
): Promise<AccountOutcome> {
  const { route } = reads.connection;
  const steps = reads.steps(account);
  steps.timings.push(...reads.tokenSteps);
  const p = paths(account.email.trim());
  const own = { answers: batch, failed: false };
  try {
    const inbox = await steps.step('graph-folder', async () => {
      const folder = await read(reads, steps, own, { id: `${key}f`, url: p.folder });
      const list = await read(reads, steps, own, { id: `${key}m`, url: p.list });
      const counts = parseGraphBody(mailFolder, folder, 'graph-folder', route);
      const newest = parseGraphBody(messageList, list, 'graph-folder', route);
      return {
        total: counts.totalItemCount,
        unread: counts.unreadItemCount,
        newestSubjects: newest.value.map((m) => m.subject ?? ''),
      };
    });
    return { ok: true, inbox, steps: steps.timings, throttledMs: steps.throttledMs };
  } catch (error) {
    if (!(error instanceof RunFailure)) throw error;
    return { ok: false, facts: error.facts, steps: steps.timings, throttledMs: steps.throttledMs };
  }
}

async function readBatch(reads: BatchedReads, accounts: IncomingAccount[]): Promise<void> {
  const gets: BatchedGet[] = accounts.flatMap((a, n) => {
    const p = paths(a.email.trim());
    return [
      { id: `${n}f`, url: p.folder },
      { id: `${n}m`, url: p.list },
    ];
  });
  const batch = graphBatch(reads.connection, gets, reads.signal).catch((error: unknown) => {
    if (error instanceof RunFailure) return error;
    throw error;
  });
  await Promise.all(
    accounts.map(async (account, n) => {
      const outcome = await accountOutcome(reads, account, batch, String(n));
      if (!reads.signal.aborted) await reads.record(account, outcome);
    }),
  );
}

/**
 * Validate all through Graph with one app-only token: the reads of ten accounts per `$batch`,
 * BATCHES_IN_FLIGHT batches at once, each answer matched to its account by id; a step throttled
 * inside a batch is retried alone after its Retry-After. No new batch starts after a Cancel.
 */
export async function readInBatches(
  reads: BatchedReads,
  accounts: readonly IncomingAccount[],
): Promise<void> {
  const chunks: IncomingAccount[][] = [];
  for (let i = 0; i < accounts.length; i += ACCOUNTS_PER_BATCH)
    chunks.push(accounts.slice(i, i + ACCOUNTS_PER_BATCH));
  let next = 0;
  const worker = async () => {
    while (!reads.signal.aborted && next < chunks.length)
      await readBatch(reads, chunks[next++] as IncomingAccount[]);
  };
  await Promise.all(Array.from({ length: Math.min(BATCHES_IN_FLIGHT, chunks.length) }, worker));
}
