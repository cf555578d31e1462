import { formatSetupStep } from '../../../shared/diagnosis/diagnose';
import type { SetupStepRef } from '../../../shared/diagnosis/table';
import { openWalkthroughStep } from './open-step';

/**
 * A setup reference (from a diagnosis) as a link to its step in the Setup walkthrough; its text
 * is the Result box's "Setup step" text.
 */
export function SetupStepLink({ step }: { step: SetupStepRef }) {
  return (
    <button type="button" className="setup-step-link" onClick={() => openWalkthroughStep(step)}>
      {formatSetupStep(step)}
    </button>
  );
}
