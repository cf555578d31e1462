import { AppError } from '../../shared/contract/errors';
import type {
  CheckOutcome,
  CheckProgress,
  CheckResult,
  CheckRunInput,
  StepTiming,
} from '../../shared/contract/check';
import { describeFailure, diagnose, rawCode } from '../../shared/diagnosis/diagnose';
import { stepNames, type CheckStep, type FailureFacts } from '../../shared/diagnosis/failure';
import { emailMethods, type SystemSettings } from '../../shared/settings/system-settings';
import { CancelledError, sleep } from './abortable';
import { fieldName, flowSecretKey, pendingFlowSecret, validateCheck } from './check-validation';
import type { MailCheckService, SecretVault } from './contracts';
import { EwsFailure, sendTestMessage } from './ews-client';
import type { EnvironmentRuntime, Route } from './environment';
import { redactSecrets } from './redact';
import { systemSecretAccount } from './system-settings-service';
import type { NewTestLogEntry, TestLog } from './test-log';
import { TokenFailure, type AcquiredToken, type TokenBroker } from './token-broker';

/** When the check waits and tries again instead of reporting at once. */
export interface RetryPolicy {
  /** Waits before each retry of a 403 the diagnosis calls retryable (propagation after setup). */
  forbiddenDelaysMs: number[];
  /** Retries of a 429/503, each after the server's Retry-After (or `throttleDelayMs` without one). */
  throttleRetries: number;
  throttleDelayMs: number;
  /** A Retry-After longer than this is reported instead of waited for. */
  maxRetryAfterMs: number;
  /** How often the countdown is pushed. */
  tickMs: number;
}

/** The guide says tenant changes take a while: three tries over 35 s, within about a minute. */
export const defaultRetryPolicy: RetryPolicy = {
  forbiddenDelaysMs: [5_000, 10_000, 20_000],
  throttleRetries: 2,
  throttleDelayMs: 5_000,
  maxRetryAfterMs: 30_000,
  tickMs: 1_000,
};

export interface MailCheckDeps {
  appName: string;
  vault: SecretVault;
  environment: EnvironmentRuntime;
  tokens: TokenBroker;
  testLog: TestLog;
  progress: (event: CheckProgress) => void;
  retry?: RetryPolicy;
  now?: () => Date;
}

/** Why a step stopped, with what the Result and the Test log need. */
class StepFailure extends Error {
  constructor(readonly facts: FailureFacts) {
    super(facts.message);
  }
}

const isoSeconds = (date: Date) => `${date.toISOString().slice(0, 19)}Z`;

/** Settings that were tested, for the message body: names and ids only, never a secret. */
function messageBody(
  s: SystemSettings,
  input: CheckRunInput,
  route: Route,
  appName: string,
): string {
  const method = emailMethods.find((m) => m.value === s.emailMethod)?.label ?? s.emailMethod;
  return [
    `This is a test message from ${appName}: the e-mail settings below work.`,
    '',
    `E-mail method: ${method}`,
    `Server address: ${s.serverAddress}${s.port > 0 ? `:${s.port}` : ''}`,
    `Application (client) ID: ${s.clientId}`,
    `Directory (tenant) ID: ${s.tenantId}`,
    `Authentication flow: ${s.authFlow === 'password' ? 'User name/Password' : 'Client secret'}`,
    ...(s.authFlow === 'password' ? [`User name (Exchange): ${input.dialog.userName.trim()}`] : []),
    `Sender: ${input.dialog.sender.trim()}`,
    `Recipient: ${input.dialog.recipient.trim()}`,
    `Environment: ${route.environment === 'demo' ? 'Demo tenant (no mail leaves this computer)' : 'Microsoft 365'}`,
  ].join('\n');
}

function successLines(
  steps: StepTiming[],
  token: AcquiredToken,
  serverVersion: string | undefined,
  route: Route,
): string[] {
  const label = (t: StepTiming) =>
    `${stepNames[t.step]}: ${t.ms} ms${t.step === 'token' ? (token.fromCache ? ' (cached token)' : ' (new token)') : ''}`;
  return [
    'OK!',
    ...steps.map(label),
    `Token audience: ${token.audience}`,
    token.roles.length > 0
      ? `Token roles: ${token.roles.join(' ')}`
      : `Token scopes: ${token.scopes.join(' ')}`,
    `Token expires: ${isoSeconds(token.expiresAt)}`,
    `EWS server version: ${serverVersion ?? 'not reported'}`,
    route.environment === 'demo'
      ? `Environment: Demo (${route.via}); no mail left this computer`
      : 'Environment: Microsoft 365',
  ];
}

/** What a step may still spend on retries. */
interface RetryBudget {
  forbidden: number[];
  throttles: number;
}

/**
 * How long to wait before trying a failed request again, or undefined to report it now: a 403 the
 * diagnosis calls retryable uses the next back-off delay, a 429/503 its Retry-After when bounded.
 */
export function retryDelay(
  facts: FailureFacts,
  budget: RetryBudget,
  policy: RetryPolicy,
): number | undefined {
  if (diagnose(facts)?.retryable) return budget.forbidden.shift();
  if (facts.httpStatus !== 429 && facts.httpStatus !== 503) return undefined;
  if (budget.throttles >= policy.throttleRetries) return undefined;
  const wanted =
    facts.retryAfterSeconds !== undefined ? facts.retryAfterSeconds * 1000 : policy.throttleDelayMs;
  if (wanted > policy.maxRetryAfterMs) return undefined;
  budget.throttles += 1;
  return wanted;
}

/**
 * FLOWS.md §3, the green icon's Test: validate, acquire a token, send one message through EWS.
 * Progress is pushed per step, a run can be cancelled, a retryable 403 and a 429/503 are retried
 * after a visible countdown, and every run is appended to the Test log.
 */
export function createMailCheck(deps: MailCheckDeps): MailCheckService {
  const policy = deps.retry ?? defaultRetryPolicy;
  const now = deps.now ?? (() => new Date());
  const running = new Map<string, AbortController>();

  /**
   * The flow's secret, read from the keychain at most once per run (validation needs whether it
   * is set, the token step its value); a secret the run brings (typed or cleared) is not read.
   */
  const flowSecret = async (input: CheckRunInput) => {
    const pending = pendingFlowSecret(input);
    if (pending) return pending.action === 'set' ? pending.value : undefined;
    return deps.vault.read(systemSecretAccount(flowSecretKey(input.form.authFlow)));
  };

  async function run(input: CheckRunInput): Promise<CheckResult> {
    const { runId } = input;
    const controller = new AbortController();
    running.get(runId)?.abort();
    running.set(runId, controller);
    const signal = controller.signal;
    const startedAt = now();
    const started = performance.now();
    const steps: StepTiming[] = [];
    const secrets: string[] = Object.values(input.secrets).flatMap((c) =>
      c?.action === 'set' ? [c.value] : [],
    );
    if (input.dialog.password?.action === 'set') secrets.push(input.dialog.password.value);
    let current = 'validate' as CheckStep;
    let stepStarted = started;
    const emit = (event: Omit<CheckProgress, 'runId'>) => deps.progress({ runId, ...event });
    const begin = (step: CheckStep) => {
      current = step;
      stepStarted = performance.now();
      emit({ step, state: 'running', attempt: 1 });
    };
    const end = (ok: boolean) => {
      steps.push({ step: current, ms: Math.round(performance.now() - stepStarted), ok });
      emit({ step: current, state: ok ? 'done' : 'failed' });
    };

    /** Runs one step's request, waiting and retrying where the policy says so. */
    const withRetries = async <T>(work: () => Promise<T>): Promise<T> => {
      const budget: RetryBudget = { forbidden: [...policy.forbiddenDelaysMs], throttles: 0 };
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await work();
        } catch (error) {
          if (!(error instanceof TokenFailure || error instanceof EwsFailure)) throw error;
          const facts = error.facts;
          const delay = retryDelay(facts, budget, policy);
          if (delay === undefined) {
            const tried =
              attempt > 1
                ? ` Tried ${attempt} times over ${Math.round((performance.now() - stepStarted) / 1000)} s.`
                : '';
            throw new StepFailure({ ...facts, message: `${facts.message}${tried}` });
          }
          const until = performance.now() + delay;
          for (let left = delay; left > 0; left = until - performance.now()) {
            emit({
              step: current,
              state: 'waiting',
              retryInSeconds: Math.ceil(left / 1000),
              attempt: attempt + 1,
              detail: `${rawCode(facts)} from ${facts.host ?? 'the server'}: trying again in ${Math.ceil(left / 1000)} s`,
            });
            await sleep(Math.min(policy.tickMs, left), signal);
          }
          emit({ step: current, state: 'running', attempt: attempt + 1 });
        }
      }
    };

    let outcome: CheckOutcome;
    let lines: string[];
    let facts: FailureFacts | undefined;
    let errors: CheckResult['errors'];
    let settings: SystemSettings | undefined;
    try {
      begin('validate');
      if (input.dialog.emailMethod !== 'exchange-online') {
        end(false);
        const label = emailMethods.find((m) => m.value === input.dialog.emailMethod)?.label;
        outcome = 'unsupported';
        lines = [
          'Not tested: this tool tests the E-mail method “Server based, via Microsoft Exchange Online” only.',
          `“${label}” is not tested here, and nothing was sent.`,
        ];
      } else {
        const secret = await flowSecret(input);
        if (secret) secrets.push(secret);
        const validated = validateCheck(input, secret !== undefined);
        settings = validated.settings;
        if (!settings) {
          end(false);
          outcome = 'invalid';
          errors = validated.errors;
          lines = [
            `Failed: ${stepNames.validate}`,
            `The settings have ${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was sent.`,
            ...errors.map((e) => `${fieldName(e.field)}: ${e.message}`),
          ];
        } else {
          end(true);
          const s = settings;

          begin('token');
          const route = await deps.environment.route(s);
          const token = await withRetries(() =>
            deps.tokens.acquire(
              {
                route,
                flow: s.authFlow,
                clientId: s.clientId,
                serverAddress: s.serverAddress,
                userName: input.dialog.userName.trim(),
                secret: secret ?? '',
              },
              signal,
            ),
          );
          secrets.push(token.accessToken);
          end(true);

          begin('send');
          const sender = input.dialog.sender.trim();
          const connection = {
            route,
            accessToken: token.accessToken,
            impersonate: s.authFlow === 'client-secret' ? sender : undefined,
          };
          const sent = await withRetries(() =>
            sendTestMessage(
              connection,
              {
                from: sender,
                to: input.dialog.recipient.trim(),
                subject: `${deps.appName}: test message, ${isoSeconds(startedAt)}`,
                body: messageBody(s, input, route, deps.appName),
              },
              signal,
            ),
          );
          end(true);
          outcome = 'ok';
          lines = successLines(steps, token, sent.serverVersion, route);
        }
      }
    } catch (error) {
      if (steps.length === 0 || steps[steps.length - 1]!.step !== current) end(false);
      if (error instanceof CancelledError || signal.aborted) {
        outcome = 'cancelled';
        lines = [
          'Cancelled',
          current === 'send'
            ? `Cancelled during ${stepNames.send}; the message may still have been sent.`
            : `Cancelled during ${stepNames[current]}; nothing was sent.`,
        ];
      } else {
        outcome = 'failed';
        facts =
          error instanceof StepFailure ||
          error instanceof TokenFailure ||
          error instanceof EwsFailure
            ? error.facts
            : {
                step: current,
                message:
                  error instanceof AppError
                    ? error.message
                    : `Unexpected ${error instanceof Error ? error.name : 'error'} in the app.`,
              };
        lines = describeFailure(facts, settings?.authFlow ?? input.form.authFlow);
      }
    } finally {
      if (running.get(runId) === controller) running.delete(runId);
    }

    const redact = (text: string) => redactSecrets(text, secrets);
    lines = lines.map(redact);
    if (facts) facts = { ...facts, message: redact(facts.message) };
    const diagnosisId = facts ? diagnose(facts)?.id : undefined;

    const entry: NewTestLogEntry = {
      time: startedAt.toISOString(),
      environment: deps.environment.current(),
      procedure: 'system-settings',
      flow: settings?.authFlow ?? input.form.authFlow,
      sender: input.dialog.sender.trim(),
      recipient: input.dialog.recipient.trim(),
      ok: outcome === 'ok',
      outcome,
      code: facts ? rawCode(facts) : undefined,
      diagnosisId,
      steps,
      durationMs: Math.round(performance.now() - started),
      summary: facts ? `${lines[0]}: ${rawCode(facts)}` : lines[outcome === 'invalid' ? 1 : 0]!,
    };
    let logEntryId = '';
    try {
      logEntryId = (await deps.testLog.append(entry)).id;
    } catch (error) {
      lines.push(
        `This run could not be written to the Test log (${(error as NodeJS.ErrnoException).code ?? 'write failed'}).`,
      );
    }
    return {
      runId,
      ok: outcome === 'ok',
      outcome,
      lines,
      steps,
      errors,
      facts,
      diagnosisId,
      logEntryId,
    };
  }

  return {
    run,
    cancel: (runId) => {
      const controller = running.get(runId);
      if (!controller) return false;
      controller.abort();
      return true;
    },
  };
}
