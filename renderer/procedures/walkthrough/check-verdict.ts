import type { CheckResult } from '../../../shared/contract/check';
import { diagnosisTable, type SetupStepRef } from '../../../shared/diagnosis/table';
import type { AuthFlow } from '../../../shared/settings/system-settings';
import type { StepCheck } from '../../../shared/walkthrough/steps';
import { setupStepsOf } from '../../check/setup-steps-of';

export interface Verdict {
  tone: 'ok' | 'failed' | 'neutral';
  headline: string;
  /** The green icon's Result lines, as they are. */
  lines: string[];
  /** Where the walkthrough fixes the failure. */
  fixes: SetupStepRef[];
}

const tokenOk = (result: CheckResult) => result.steps.some((s) => s.step === 'token' && s.ok);

/**
 * What a step's Check says: for a token step, whether Entra ID issued a token (the check goes on
 * to send, as the green icon does); for the test step, the whole test. A failure carries the
 * diagnosis's setup steps for the flow that was tested.
 */
export function checkVerdict(
  kind: StepCheck,
  result: CheckResult | undefined,
  error: string | undefined,
  flow: AuthFlow,
): Verdict | undefined {
  if (error !== undefined) return { tone: 'failed', headline: error, lines: [], fixes: [] };
  if (!result) return undefined;
  const entry = diagnosisTable.find((e) => e.id === result.diagnosisId);
  const fixes = setupStepsOf({ id: result.diagnosisId }, flow);
  const { lines } = result;
  switch (result.outcome) {
    case 'ok':
      return {
        tone: 'ok',
        headline:
          kind === 'token'
            ? 'Token issued, and the test message was sent.'
            : kind === 'graph'
              ? 'OK! Token issued and test message sent through Microsoft Graph.'
              : 'OK! Token issued and test message sent.',
        lines,
        fixes,
      };
    case 'cancelled':
    case 'unsupported':
    case 'composed':
      return { tone: 'neutral', headline: lines[0] ?? 'Not tested.', lines: lines.slice(1), fixes };
    case 'invalid':
      return {
        tone: 'failed',
        headline: 'Not tested: the settings have errors; nothing was sent.',
        lines: lines.slice(1),
        fixes,
      };
    case 'failed':
      if (kind === 'token' && tokenOk(result))
        return {
          tone: 'ok',
          headline: 'Token issued. The test message that followed failed:',
          lines,
          fixes,
        };
      return {
        tone: 'failed',
        headline: entry ? `Failed: ${entry.meaning}` : (lines[0] ?? 'Failed.'),
        lines,
        fixes,
      };
  }
}
