import type { StepTiming } from '../../../shared/contract/check';
import type { IncomingAccount } from '../../../shared/settings/incoming-settings';
import { sleep } from '../base/abortable';
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
import { mailFolder, messageList, NEWEST, newestAtOf } from '../mail/graph/graph-reader';
import { RunFailure } from '../mail/failure';
import { defaultRetryPolicy, type RetryPolicy } from '../runs/retry-policy';
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
  policy?: RetryPolicy;
  record(account: IncomingAccount, outcome: AccountOutcome): Promise<void>;
}

const paths = (email: string) => {
  const inbox = `${userPath(email).slice('/v1.0'.length)}/mailFolders/inbox`;
  return { folder: inbox, list: `${inbox}/messages?${NEWEST}` };
};

/**
 * A step Graph throttled inside the batch (429/503), sent again alone after its Retry-After
 * (seconds or an HTTP date), at most `throttleRetries` times and never longer than the bound.
 */
async function settled(
  reads: BatchedReads,
  url: string,
  answer: HttpAnswer | undefined,
): Promise<HttpAnswer> {
  const policy = reads.policy ?? defaultRetryPolicy;
  let current = answer;
  for (let tries = 0; tries < policy.throttleRetries; tries += 1) {
    if (current && current.status !== 429 && current.status !== 503) return current;
    const facts = current
      ? graphFailureFacts('graph-folder', reads.connection.route, current)
      : undefined;
    const waitMs = (facts?.retryAfterSeconds ?? policy.throttleDelayMs / 1000) * 1000;
    if (waitMs > policy.maxRetryAfterMs) break;
    await sleep(waitMs, reads.signal);
    current = await graphRequest(
      reads.connection,
      'graph-folder',
      { method: 'GET', path: `/v1.0${url}` },
      200,
      reads.signal,
    ).catch((error: unknown) => {
      if (error instanceof RunFailure) return undefined;
      throw error;
    });
  }
  if (current) return current;
  throw new RunFailure({
    step: 'graph-folder',
    message: 'Microsoft Graph kept answering 429 Too Many Requests.',
    httpStatus: 429,
  });
}

async function accountOutcome(
  reads: BatchedReads,
  account: IncomingAccount,
  answers: Map<string, HttpAnswer>,
  key: string,
  started: number,
): Promise<AccountOutcome> {
  const { route } = reads.connection;
  const step = (ok: boolean) => [
    ...reads.tokenSteps,
    { step: 'graph-folder' as const, ms: Math.round(performance.now() - started), ok },
  ];
  const p = paths(account.email.trim());
  try {
    const folder = await settled(reads, p.folder, answers.get(`${key}f`));
    const list = await settled(reads, p.list, answers.get(`${key}m`));
    for (const a of [folder, list])
      if (a.status !== 200) throw new RunFailure(graphFailureFacts('graph-folder', route, a));
    const counts = parseGraphBody(mailFolder, folder, 'graph-folder', route);
    const newest = parseGraphBody(messageList, list, 'graph-folder', route);
    return {
      ok: true,
      inbox: {
        total: counts.totalItemCount,
        unread: counts.unreadItemCount,
        newestSubjects: newest.value.map((m) => m.subject ?? ''),
        newestAt: newestAtOf(newest),
      },
      steps: step(true),
    };
  } catch (error) {
    if (error instanceof RunFailure) return { ok: false, facts: error.facts, steps: step(false) };
    throw error;
  }
}

async function readBatch(reads: BatchedReads, accounts: IncomingAccount[]): Promise<void> {
  const started = performance.now();
  const gets: BatchedGet[] = accounts.flatMap((a, n) => {
    const p = paths(a.email.trim());
    return [
      { id: `${n}f`, url: p.folder },
      { id: `${n}m`, url: p.list },
    ];
  });
  let answers: Map<string, HttpAnswer>;
  try {
    answers = await graphBatch(reads.connection, gets, reads.signal);
  } catch (error) {
    if (!(error instanceof RunFailure)) throw error;
    for (const account of accounts)
      await reads.record(account, { ok: false, facts: error.facts, steps: reads.tokenSteps });
    return;
  }
  await Promise.all(
    accounts.map(async (account, n) => {
      const outcome = await accountOutcome(reads, account, answers, String(n), started);
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
