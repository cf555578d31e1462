import { diagnose, setupStepsFor } from '../../../shared/diagnosis/diagnose';
import type { FailureFacts } from '../../../shared/diagnosis/failure';
import { diagnosisTable, type SetupStepRef } from '../../../shared/diagnosis/table';
import type { AuthFlow } from '../../../shared/settings/system-settings';

/** The walkthrough steps that fix a diagnosed failure (by its id, or its facts), for the flow. */
export function setupStepsOf(
  diagnosis: { id?: string; facts?: FailureFacts },
  flow: AuthFlow,
): SetupStepRef[] {
  const entry = diagnosis.id
    ? diagnosisTable.find((e) => e.id === diagnosis.id)
    : diagnosis.facts && diagnose(diagnosis.facts);
  return entry ? setupStepsFor(entry, flow) : [];
}
