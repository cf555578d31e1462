import { diagnose, setupStepsFor, type FailureScreen } from '../../shared/diagnosis/diagnose';
import type { FailureFacts } from '../../shared/diagnosis/failure';
import { diagnosisTable, type SetupStepRef } from '../../shared/diagnosis/table';
import type { AuthFlow } from '../../shared/settings/system-settings';

/**
 * The walkthrough steps that fix a diagnosed failure (by its id, or its facts), for the flow and
 * the screen that shows the failure (System settings' green icon unless told).
 */
export function setupStepsOf(
  diagnosis: { id?: string; facts?: FailureFacts },
  flow: AuthFlow,
  screen: FailureScreen = 'system-settings',
): SetupStepRef[] {
  const entry = diagnosis.id
    ? diagnosisTable.find((e) => e.id === diagnosis.id)
    : diagnosis.facts && diagnose(diagnosis.facts);
  return entry ? setupStepsFor(entry, flow, screen) : [];
}
