import { AppError } from '../../../shared/contract/errors';
import type { CheckResult, CheckRunInput } from '../../../shared/contract/check';
import type { FieldError } from '../../../shared/settings/field-error';
import type { SystemSecretKey } from '../../../shared/settings/system-settings';
import { isCancellation } from '../base/abortable';
import { keychainFailureFacts } from '../runs/keychain-failure';
import type { RunEngine } from '../runs/run-engine';
import type { Run } from '../runs/run';
import { AnnotatedFailure, RunFailure } from '../mail/failure';
import type { StepRecorder } from '../runs/step-recorder';
import { systemSecretAccount } from '../keychain/entry-names';
import { checkResult, type Attempt } from './check-result';
import { pendingSecret, secretKeyOf, validateCheck } from './check-validation';
import { sendPlans, type PlanDeps } from './send-plans';
import { testMessage } from './test-message';
import { followDelivery, type FollowOptions, type FollowRequest } from './follow-delivery';
import type { TokenBroker } from '../tokens/token-broker';

export interface MailCheckDeps extends PlanDeps {
  appName: string;
  engine: RunEngine;
  /** The Check dialog's own broker: a validation batch's tokens never push its token out. */
  tokens: TokenBroker;
  /** Following the message after `OK!` (FLOWS.md §11); absent, a Test ends at its verdict. */
  follow?: FollowOptions;
}

/** Check e-mail settings: one run per Test, cancelled through the run engine. */
export interface MailCheckService {
  run(input: CheckRunInput): Promise<CheckResult>;
}

class InvalidSettings extends Error {
  constructor(readonly errors: FieldError[]) {
    super('The settings have errors.');
  }
}

/**
 * The secret the run signs in with, read from the keychain at most once per run (validation needs
 * whether it is set, the send its value); a secret the run brings (typed or cleared) is not read.
 */
async function secretOf(
  input: CheckRunInput,
  run: Run,
  key: SystemSecretKey | undefined = secretKeyOf(input),
): Promise<string | undefined> {
  if (!key) return undefined;
  return run.credential(systemSecretAccount(key), pendingSecret(input, key));
}

/** What a step threw, as the Result explains it. */
function failureOf(error: unknown, steps: StepRecorder): Attempt {
  if (error instanceof InvalidSettings) return { kind: 'invalid', errors: error.errors };
  if (error instanceof AnnotatedFailure)
    return { kind: 'failed', facts: error.facts, notes: error.notes };
  if (error instanceof RunFailure) return { kind: 'failed', facts: error.facts };
  const keychain = keychainFailureFacts(error, steps.current ?? 'validate');
  if (keychain) return { kind: 'failed', facts: keychain };
  const message =
    error instanceof AppError
      ? error.message
      : `Unexpected ${error instanceof Error ? error.name : 'error'} in the app.`;
  return { kind: 'failed', facts: { step: steps.current ?? 'validate', message } };
}

// The following continues the run after the verdict under its id, so Cancel stops it and the app
// log shows one run; OK! is not delayed.
const follow = (deps: MailCheckDeps, request: FollowRequest, options: FollowOptions) =>
  void deps.engine
    .start(request.input.runId, (run) => followDelivery(request, run, options), deps.tokens, {
      continues: true,
    })
    .catch(() => undefined);

/**
 * FLOWS.md §3 and §7, the green icon's Test: validate the form for the dialog's E-mail method,
 * then that method's send (a token and EWS, EWS with Basic, SMTP, the mail client). Progress is
 * pushed per step, a run can be cancelled, and every run is one Test log entry.
 */
export function createMailCheck(deps: MailCheckDeps): MailCheckService {
  const attempt = async (
    input: CheckRunInput,
    run: Run,
    steps: StepRecorder,
    onSent: (follow: Omit<FollowRequest, 'logEntryId'>) => void,
  ): Promise<Attempt> => {
    try {
      const { settings, secret } = await steps.step('validate', async () => {
        const secret = await secretOf(input, run);
        const validated = validateCheck(input, secret !== undefined);
        if (!validated.settings) throw new InvalidSettings(validated.errors);
        return { settings: validated.settings, secret };
      });
      const plan = sendPlans[settings.emailMethod];
      if (!plan) throw new AppError('failed', 'This E-mail method cannot be tested here.');
      const message = testMessage(
        deps.appName,
        settings,
        input,
        deps.environment.current(),
        run.startedAt,
      );
      const secretFor = (key: SystemSecretKey) => secretOf(input, run, key);
      const request = { input, settings, secret, secretOf: secretFor, message, run, steps };
      const sent = await plan({ ...request, deps });
      onSent({ input, settings, secret, message, sent, sentAt: run.clock.date() });
      return { kind: 'sent', sent };
    } catch (error) {
      if (isCancellation(error, run.signal)) return { kind: 'cancelled', step: steps.current };
      return failureOf(error, steps);
    }
  };

  return {
    run: async (input) => {
      let sent: Omit<FollowRequest, 'logEntryId'> | undefined;
      const result = await deps.engine.start(
        input.runId,
        async (run) => {
          const steps = run.steps(true);
          const outcome = await attempt(input, run, steps, (request) => (sent = request));
          return checkResult(input, run, steps, outcome);
        },
        deps.tokens,
      );
      const following = sent !== undefined && deps.follow !== undefined && result.outcome === 'ok';
      if (following && sent && deps.follow)
        follow(deps, { ...sent, logEntryId: result.logEntryId }, deps.follow);
      return { ...result, following };
    },
  };
}
