import type { StepTiming } from '../../../shared/contract/check';
import type { IncomingAccount } from '../../../shared/settings/incoming-settings';
import type { StepAnswer as HttpAnswer } from '../mail/graph/graph-batch';
import { GraphBatchQueue, type QueuedGet } from '../mail/graph/graph-batch-queue';
import {
  graphFailureFacts,
  parseGraphBody,
  userPath,
  type GraphConnection,
} from '../mail/graph/graph-http';
import { mailFolder, messageList, NEWEST, newestAtOf } from '../mail/graph/graph-reader';
import { RunFailure } from '../mail/failure';
import type { StepRecorder } from '../runs/step-recorder';
import type { AccountOutcome } from './account-readers';

export interface BatchedReads {
  connection: GraphConnection;
  signal: AbortSignal;
  /** The token step's timings, shared by every account. */
  tokenSteps: StepTiming[];
  /** One account's steps: its timings, its retries and their countdown in its row. */
  steps(account: IncomingAccount): StepRecorder;
  record(account: IncomingAccount, outcome: AccountOutcome): Promise<void>;
}

/** An account's two reads, queued: the Inbox's counts and its newest messages. */
interface Queued {
  folder: QueuedGet;
  list: QueuedGet;
}

const paths = (email: string) => {
  const inbox = `${userPath(email).slice('/v1.0'.length)}/mailFolders/inbox`;
  return { folder: inbox, list: `${inbox}/messages?${NEWEST}` };
};

/**
 * One read of the account: its answer in the first batch, then, while Graph throttles it (429 or
 * 503 inside the batch, or the whole batch), this read alone again after the Retry-After (seconds
 * or an HTTP date), queued with the other reads due then, within the bound on the account's
 * throttling, the countdown in its row. `first` is undefined when the first batch failed as a
 * whole and another read of the account has already waited that out.
 */
function read(
  queue: GraphBatchQueue,
  steps: StepRecorder,
  connection: GraphConnection,
  get: { url: string; first: Promise<HttpAnswer> | undefined; batchFailed(): void },
): Promise<HttpAnswer> {
  let next = get.first;
  return steps.retrying(async () => {
    const pending = next ?? queue.get(get.url).answer;
    const fromBatch = next !== undefined;
    next = undefined;
    let answer: HttpAnswer;
    try {
      answer = await pending;
    } catch (error) {
      if (fromBatch && error instanceof RunFailure) get.batchFailed();
      throw error;
    }
    if (answer.status === 200) return answer;
    throw new RunFailure(graphFailureFacts('graph-folder', connection.route, answer));
  });
}

/** One account's two reads, already queued; its step is timed from its first batch's going out. */
async function accountOutcome(
  reads: BatchedReads,
  queue: GraphBatchQueue,
  account: IncomingAccount,
  queued: Queued,
): Promise<AccountOutcome> {
  const { connection } = reads;
  const p = paths(account.email.trim());
  const { folder, list } = queued;
  await folder.sent;
  const steps = reads.steps(account);
  steps.timings.push(...reads.tokenSteps);
  let wholeBatchFailed = false;
  const batchFailed = () => (wholeBatchFailed = true);
  try {
    const inbox = await steps.step('graph-folder', async () => {
      const counts = await read(queue, steps, connection, {
        url: p.folder,
        first: folder.answer,
        batchFailed,
      });
      // The first batch's failure is waited out once: the second read goes alone at once.
      const first = wholeBatchFailed ? undefined : list.answer;
      const newest = await read(queue, steps, connection, { url: p.list, first, batchFailed });
      const { route } = connection;
      const box = parseGraphBody(mailFolder, counts, 'graph-folder', route);
      const messages = parseGraphBody(messageList, newest, 'graph-folder', route);
      return {
        total: box.totalItemCount,
        unread: box.unreadItemCount,
        newestSubjects: messages.value.map((m) => m.subject ?? ''),
        newestAt: newestAtOf(messages),
      };
    });
    return { ok: true, inbox, steps: steps.timings, throttledMs: steps.throttledMs };
  } catch (error) {
    if (!(error instanceof RunFailure)) throw error;
    return { ok: false, facts: error.facts, steps: steps.timings, throttledMs: steps.throttledMs };
  }
}

/**
 * Validate all through Graph with one app-only token: every account's two reads queued for
 * `$batch` requests (ten accounts a batch, four batches in flight; GraphBatchQueue), each answer
 * matched to its read by id. A read throttled inside a batch waits its Retry-After in its row
 * and goes again on its own, in a batch with the reads due then; waiting holds no batch back.
 * Nothing is sent after a Cancel.
 */
export async function readInBatches(
  reads: BatchedReads,
  accounts: readonly IncomingAccount[],
): Promise<void> {
  const queue = new GraphBatchQueue(reads.connection, reads.signal);
  // An account's two reads side by side, so they share a batch: each row is done one round
  // trip after its batch goes out, and the progress moves from the first batch on.
  const queued = accounts.map((a) => {
    const p = paths(a.email.trim());
    return { folder: queue.get(p.folder), list: queue.get(p.list) };
  });
  await Promise.all(
    accounts.map(async (account, n) => {
      const outcome = await accountOutcome(reads, queue, account, queued[n] as Queued);
      if (!reads.signal.aborted) await reads.record(account, outcome);
    }),
  );
}
