import { useId } from 'react';
import { formatSetupStep } from '../../shared/diagnosis/diagnose';
import type { SetupStepRef } from '../../shared/diagnosis/table';
import type { AuthFlow } from '../../shared/settings/system-settings';
import { openSettingsField, openWalkthroughStep } from './open-step';

interface FollowProps {
  /** The flow the failure was tested with; System settings row 23's when not given. */
  flow?: AuthFlow;
  /** Told before the walkthrough opens, e.g. to close the dialog that showed the link. */
  onFollow?(): void;
}

/**
 * A setup reference (from a diagnosis) as a link to its step in the Setup walkthrough, or to the
 * field itself when it names one of Settings for incoming e-mail; its text is the Result box's
 * "Setup step" text.
 */
export function SetupStepLink({ step, flow, onFollow }: FollowProps & { step: SetupStepRef }) {
  return (
    <button
      type="button"
      className="setup-step-link"
      onClick={() => {
        onFollow?.();
        if (!openSettingsField(step)) openWalkthroughStep(step, flow);
      }}
    >
      {formatSetupStep(step)}
    </button>
  );
}

/** "Fix it at:" and a link for each setup step that fixes a failure; nothing when there is none. */
export function SetupStepLinks({ steps, ...follow }: FollowProps & { steps: SetupStepRef[] }) {
  const id = useId();
  if (steps.length === 0) return null;
  return (
    <div className="setup-step-links">
      <p className="check-fixes-label" id={id}>
        Fix it at:
      </p>
      <ul className="check-fixes" aria-labelledby={id}>
        {steps.map((ref) => (
          <li key={`${ref.part}:${ref.steps.join(',')}`}>
            <SetupStepLink step={ref} {...follow} />
          </li>
        ))}
      </ul>
    </div>
  );
}
