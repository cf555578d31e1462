import type { CheckOutcome, CheckResult, StepTiming } from '../../../shared/contract/check';
import { describeFailure, diagnose, rawCode } from '../../../shared/diagnosis/diagnose';
import { ewsRetirementLine } from '../../../shared/diagnosis/ews-retirement';
import { stepNames, type CheckStep, type FailureFacts } from '../../../shared/diagnosis/failure';
import type { FieldError } from '../../../shared/settings/field-error';
import { isExchangeOnlineSmtp, type AuthFlow } from '../../../shared/settings/system-settings';
import type { Run } from '../runs/run';
import { fieldName } from './check-validation';
import { secretExpiryNotice } from '../../../shared/settings/secret-expiry';
import type { CheckRunInput } from '../../../shared/contract/check';
import { isoSeconds } from './test-message';
import type { Sent } from './send-plans';
import { testedTarget } from './tested-target';
import { RUN_ID_LABEL, microsoftIdsOf } from '../../../shared/diagnosis/run-ids';
import { throttlingHeld } from '../../../shared/contract/test-log';
import type { StepRecorder } from '../runs/step-recorder';

/** How one Test ended, before it becomes the Result's lines and a Test log entry. */
export type Attempt =
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'sent'; sent: Sent }
  | { kind: 'failed'; facts: FailureFacts; notes?: string[] }
  | { kind: 'cancelled'; step: CheckStep | undefined };

/** Steps after which the message may already be on its way. */
const sendingSteps: ReadonlySet<CheckStep> = new Set([
  'send',
  'smtp-send',
  'graph-send',
  'compose',
]);

const environmentLine = (route: Sent['route']) =>
  route.environment === 'demo'
    ? `Environment: Demo (${route.via ?? 'demo tenant'}); no mail left this computer`
    : `Environment: Microsoft 365${route.network ? `; route: ${route.network}` : ''}`;

function sentLines(sent: Sent, steps: StepTiming[]): string[] {
  const { token, route } = sent;
  const tokenNote = token?.fromCache ? ' (cached token)' : ' (new token)';
  const stepLine = (t: StepTiming) =>
    `${stepNames[t.step]}: ${t.ms} ms${t.step === 'token' ? tokenNote : ''}`;
  const tokenLines = token
    ? [
        `Token audience: ${token.audience}`,
        token.roles.length > 0
          ? `Token roles: ${token.roles.join(' ')}`
          : `Token scopes: ${token.scopes.join(' ')}`,
        `Token expires: ${isoSeconds(token.expiresAt)}`,
      ]
    : [];
  return [
    sent.mailto ? 'Composed' : 'OK!',
    ...steps.map(stepLine),
    ...tokenLines,
    ...sent.report.lines,
    ...(sent.mailto ? [] : [environmentLine(route)]),
  ];
}

function attemptLines(
  attempt: Attempt,
  input: CheckRunInput,
  steps: StepTiming[],
  flow?: AuthFlow,
): string[] {
  switch (attempt.kind) {
    case 'sent':
      return sentLines(attempt.sent, steps);
    case 'invalid': {
      const { errors } = attempt;
      return [
        `Failed: ${stepNames.validate}`,
        `The settings have ${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was sent.`,
        ...errors.map((e) => `${fieldName(e.field, input)}: ${e.message}`),
      ];
    }
    case 'failed':
      return [
        ...describeFailure(attempt.facts, flow, input.form.clientId.trim()),
        ...(attempt.notes ?? []),
      ];
    case 'cancelled': {
      const step = attempt.step ?? 'validate';
      return [
        'Cancelled',
        sendingSteps.has(step)
          ? `Cancelled during ${stepNames[step]}; the message may still have been sent.`
          : `Cancelled during ${stepNames[step]}; nothing was sent.`,
      ];
    }
  }
}

/** FLOWS.md §8: every EWS result against Exchange Online, success or failure, ends with the days left. */
const retirementLines = (input: CheckRunInput, attempt: Attempt, run: Run): string[] =>
  input.dialog.emailMethod === 'exchange-online' &&
  input.dialog.sendThrough !== 'graph' &&
  (attempt.kind === 'sent' || attempt.kind === 'failed')
    ? [ewsRetirementLine(run.clock.date())]
    : [];

/** FLOWS.md §5: a Client secret run warns 30, 14 and 7 days before row 24's secret expires. */
const secretExpiryLines = (input: CheckRunInput, attempt: Attempt, run: Run): string[] => {
  const usesSecret =
    input.dialog.emailMethod === 'exchange-online' && input.form.authFlow === 'client-secret';
  if (!usesSecret || attempt.kind === 'invalid' || attempt.kind === 'cancelled') return [];
  const notice = secretExpiryNotice(input.form.clientSecretExpires ?? '', run.clock.date());
  return notice ? [notice.text] : [];
};

/** After the details: how long throttling held the run, its id, and EWS's days left. */
const closingLines = (input: CheckRunInput, attempt: Attempt, run: Run, throttledMs: number) => [
  ...(throttledMs > 0 ? [`Microsoft's throttling: ${throttlingHeld(throttledMs)}`] : []),
  `${RUN_ID_LABEL}: ${run.id} (this app's id of the run, kept in the Test log)`,
  ...retirementLines(input, attempt, run),
];

/** Microsoft's ids of the run's requests: a failure's, or Graph's request-id of a message taken. */
const microsoftIds = (attempt: Attempt, facts: FailureFacts | undefined) =>
  attempt.kind === 'sent' ? { requestId: attempt.sent.report.requestId } : microsoftIdsOf(facts);

const outcomeOf = (attempt: Attempt): CheckOutcome => {
  if (attempt.kind === 'sent') return attempt.sent.mailto ? 'composed' : 'ok';
  return attempt.kind;
};

/**
 * Whether row 23 decides which setup steps fix a failure: with Exchange Online, and with SMTP to
 * smtp.office365.com, whose XOAUTH2 reads rows 21–24 as row 23's flow has them.
 */
const usesRow23 = ({ dialog, form }: CheckRunInput) =>
  dialog.emailMethod === 'exchange-online' ||
  (dialog.emailMethod === 'smtp' && isExchangeOnlineSmtp(form.serverAddress));

/**
 * The Result (FLOWS.md §3: `OK!` and the details, or the failed step, code, meaning and fix) and
 * its one Test log entry; the run cuts every secret and token it saw out of both.
 */
export async function checkResult(
  input: CheckRunInput,
  run: Run,
  recorded: Pick<StepRecorder, 'timings' | 'throttledMs'>,
  attempt: Attempt,
): Promise<CheckResult> {
  const { timings: steps, throttledMs } = recorded;
  const flow = usesRow23(input) ? input.form.authFlow : undefined;
  const facts = attempt.kind === 'failed' ? run.redactFacts(attempt.facts) : undefined;
  const [first = '', ...details] = attemptLines(
    facts ? { ...attempt, kind: 'failed', facts } : attempt,
    input,
    steps,
    flow,
  );
  const expiry = secretExpiryLines(input, attempt, run);
  // Under OK! the warning comes first, where it is seen without scrolling; under a failure the
  // code and its meaning do.
  const lines = (
    attempt.kind === 'sent' ? [first, ...expiry, ...details] : [first, ...details, ...expiry]
  )
    .concat(closingLines(input, attempt, run, throttledMs))
    .map(run.redact);
  const outcome = outcomeOf(attempt);
  const diagnosisId = facts ? diagnose(facts)?.id : undefined;
  const errors = attempt.kind === 'invalid' ? attempt.errors : undefined;
  const logged = await run.log({
    procedure: 'system-settings',
    ...testedTarget(input),
    ...microsoftIds(attempt, facts),
    sender: input.dialog.sender.trim(),
    recipient: input.dialog.recipient.trim(),
    ok: outcome === 'ok',
    outcome,
    code: facts ? rawCode(facts) : undefined,
    diagnosisId,
    steps,
    durationMs: run.elapsed(),
    throttledMs: throttledMs || undefined,
    summary: facts
      ? `${lines[0]}: ${rawCode(facts)}`
      : (lines[outcome === 'invalid' ? 1 : 0] ?? outcome),
  });
  if ('error' in logged)
    lines.push(`This run could not be written to the Test log (${logged.error}).`);
  return {
    runId: run.id,
    ok: outcome === 'ok',
    outcome,
    lines,
    steps,
    errors,
    facts,
    diagnosisId,
    logEntryId: 'id' in logged ? logged.id : '',
    mailto: attempt.kind === 'sent' ? attempt.sent.mailto : undefined,
  };
}
