import type { StepTiming } from '../../../shared/contract/check';
import type { IncomingValidateInput } from '../../../shared/contract/incoming';
import type { FailureFacts } from '../../../shared/diagnosis/failure';
import type { IncomingAccount } from '../../../shared/settings/incoming-settings';
import { parseWholeNumber } from '../../../shared/settings/validators';
import type { EnvironmentRuntime } from '../environment/environment';
import { INCOMING_CLIENT_SECRET_ACCOUNT, incomingPasswordAccount } from '../keychain/entry-names';
import { EwsMailboxReader } from '../mail/ews/ews-reader';
import { ImapMailboxReader } from '../mail/imap/imap-reader';
import { IMAP_TLS_PORT } from '../mail/imap/imap-client';
import { graphScopeFor, type GraphConnection } from '../mail/graph/graph-http';
import { GraphMailboxReader } from '../mail/graph/graph-reader';
import type { MailboxReader } from '../mail/mailbox-reader';
import type { InboxSummary } from '../mail/port';
import type { Run } from '../runs/run';
import { RunFailure } from '../mail/failure';
import type { StepRecorder } from '../runs/step-recorder';
import type { AcquiredToken } from '../tokens/token-broker';

/** What one account's check found, before it becomes a row result and a Test log entry. */
export type AccountOutcome = (
  | { ok: true; inbox: InboxSummary; steps: StepTiming[] }
  | { ok: false; facts: FailureFacts; steps: StepTiming[] }
) & {
  /** How long throttling held the account's check (its waits on Retry-After and back-off). */
  throttledMs?: number;
};

/** Checks one account on its own steps; rejects only for a cancellation or a bug. */
export type CheckAccount = (account: IncomingAccount) => Promise<AccountOutcome>;

export interface ReaderContext {
  input: IncomingValidateInput;
  run: Run;
  environment: Pick<EnvironmentRuntime, 'route' | 'imapRoute'>;
  /** A CA to trust next to the system roots for IMAP (a test server's throw-away CA). */
  imapCaPem?: string;
}

/** A row's password: the one typed in the form (not yet saved), else the keychain's. */
const passwordOf = async ({ run, input }: ReaderContext, account: IncomingAccount) =>
  (await run.credential(
    incomingPasswordAccount(account.id),
    input.secrets.passwords?.[account.id],
  )) ?? '';

/** A RunFailure as the account's failed outcome; anything else (a cancellation, a bug) goes on up. */
function failed(error: unknown, steps: StepRecorder): AccountOutcome {
  if (error instanceof RunFailure)
    return { ok: false, facts: error.facts, steps: steps.timings, throttledMs: steps.throttledMs };
  throw error;
}

/** Runs `work` on the account's own steps. */
async function outcomeOf(
  steps: StepRecorder,
  work: () => Promise<InboxSummary>,
): Promise<AccountOutcome> {
  try {
    const inbox = await work();
    return { ok: true, inbox, steps: steps.timings, throttledMs: steps.throttledMs };
  } catch (error) {
    return failed(error, steps);
  }
}

function imapChecker(context: ReaderContext): CheckAccount {
  const { form } = context.input;
  const endpoint = {
    host: form.serverName.trim(),
    port: parseWholeNumber(form.port) ?? 0,
    extraCaPem: context.imapCaPem,
  };
  const port = endpoint.port === 0 ? IMAP_TLS_PORT : endpoint.port;
  const route = () => context.environment.imapRoute(endpoint.host, port);
  return async (account) => {
    const steps = context.run.steps({ accountId: account.id });
    const password = await passwordOf(context, account);
    const user = account.userName.trim();
    const reader = new ImapMailboxReader(
      { ...endpoint, route },
      { kind: 'password', user, password },
    );
    return outcomeOf(steps, () => reader.read(account.email.trim(), steps));
  };
}

/**
 * Exchange Online, through EWS or Microsoft Graph as Validate through says: the app-only token is
 * acquired once before the batch and reaches each mailbox (EWS impersonates it); User
 * name/Password acquires a token per account, which then reads its own inbox.
 */
async function exchangeOnlineRoute(context: ReaderContext) {
  const { form } = context.input;
  const serverAddress = form.serverName.trim();
  const route = await context.environment.route({
    tenantId: form.tenantId.trim(),
    serverAddress,
    port: parseWholeNumber(form.port) ?? 0,
  });
  return { route, serverAddress };
}

/** Validate through Graph with Client secret: one app-only token covers every account's batch. */
export const readsInBatches = (input: IncomingValidateInput): boolean =>
  input.through === 'graph' &&
  input.form.service === 'exchange-online' &&
  input.form.authFlow === 'client-secret';

/** The Graph connection the batches share, or every account's failed outcome when the token fails. */
export async function batchConnection(
  context: ReaderContext,
): Promise<{ connection: GraphConnection; tokenSteps: StepTiming[] } | AccountOutcome> {
  const { input, run } = context;
  const { route, serverAddress } = await exchangeOnlineRoute(context);
  const secret =
    (await run.credential(INCOMING_CLIENT_SECRET_ACCOUNT, input.secrets.clientSecret)) ?? '';
  const steps = run.steps(false);
  try {
    const token = await steps.step('token', () =>
      run.token({
        route,
        flow: 'client-secret',
        clientId: input.form.clientId.trim(),
        serverAddress,
        scope: graphScopeFor('client-secret', 'read'),
        userName: '',
        secret,
      }),
    );
    steps.conceal(token.accessToken);
    return { connection: { route, accessToken: token.accessToken }, tokenSteps: steps.timings };
  } catch (error) {
    return failed(error, steps);
  }
}

async function exchangeOnlineChecker(context: ReaderContext): Promise<CheckAccount> {
  const { input, run } = context;
  const { form } = input;
  const { route, serverAddress } = await exchangeOnlineRoute(context);
  const graph = input.through === 'graph';
  const request = {
    route,
    flow: form.authFlow,
    clientId: form.clientId.trim(),
    serverAddress,
    scope: graph ? graphScopeFor(form.authFlow, 'read') : undefined,
  };
  const acquire = (steps: StepRecorder, userName: string, secret: string) =>
    steps.step('token', () => steps.retrying(() => run.token({ ...request, userName, secret })));
  const readerFor = (token: AcquiredToken, email: string): MailboxReader =>
    graph
      ? new GraphMailboxReader({ route, accessToken: token.accessToken })
      : new EwsMailboxReader({
          route,
          credentials: { bearer: token.accessToken },
          impersonate: form.authFlow === 'client-secret' ? email : undefined,
        });

  if (form.authFlow === 'client-secret') {
    const secret =
      (await run.credential(INCOMING_CLIENT_SECRET_ACCOUNT, input.secrets.clientSecret)) ?? '';
    const batchSteps = run.steps(false);
    const batch = await acquire(batchSteps, '', secret).catch((e: unknown) =>
      failed(e, batchSteps),
    );
    return async (account) => {
      const steps = run.steps({ accountId: account.id });
      steps.timings.push(...batchSteps.timings);
      if (!('accessToken' in batch)) return { ...batch, steps: steps.timings };
      const email = account.email.trim();
      return outcomeOf(steps, () => readerFor(batch, email).read(email, steps));
    };
  }

  return async (account) => {
    const steps = run.steps({ accountId: account.id });
    const email = account.email.trim();
    return outcomeOf(steps, async () => {
      const token = await acquire(
        steps,
        account.userName.trim(),
        await passwordOf(context, account),
      );
      return readerFor(token, email).read(email, steps);
    });
  };
}

/** The check for the form's Service: IMAP, or Exchange Online through EWS. */
export const accountChecker = (context: ReaderContext): Promise<CheckAccount> | CheckAccount =>
  context.input.form.service === 'imap' ? imapChecker(context) : exchangeOnlineChecker(context);
