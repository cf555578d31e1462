import type { AuthFlow } from '../../../shared/settings/system-settings';
import {
  anchorOf,
  type WalkthroughSection,
  type WalkthroughStep,
} from '../../../shared/walkthrough/steps';
import { useStore } from 'zustand';
import { withAppId } from '../../../shared/walkthrough/beyond-guide';
import { systemSettingsStore } from '../../stores/instances';
import { stepKey } from '../../stores/walkthrough';
import { BounceSwitches } from './BounceSwitches';
import { CopyBlock } from './CopyBlock';
import { EssentialsPaste } from './EssentialsPaste';
import { ExternalLinks } from './ExternalLinks';
import { SecretExpiryStep } from './SecretExpiryStep';
import { StepCheck } from './StepCheck';
import { TenantStepControls } from './TenantStepControls';

interface StepItemProps {
  flow: AuthFlow;
  section: WalkthroughSection;
  step: WalkthroughStep;
  done: boolean;
  targeted: boolean;
  onDone(done: boolean): void;
}

/** One step: a tick box, the guide's number, the instruction and the helpers the app offers. */
export function StepItem({ flow, section, step, done, targeted, onDone }: StepItemProps) {
  const clientId = useStore(systemSettingsStore, (s) => s.form.clientId.trim());
  const name = `${section.numbering === 'row' ? 'Row' : 'Step'} ${step.number}`;
  const id = anchorOf(section.id, step.number);
  return (
    <li
      id={id}
      className={`walkthrough-step${done ? ' done' : ''}${targeted ? ' targeted' : ''}`}
      aria-current={targeted ? 'step' : undefined}
      tabIndex={targeted ? -1 : undefined}
    >
      <input
        type="checkbox"
        className="step-done"
        checked={done}
        aria-label={`${name} done`}
        onChange={(e) => onDone(e.target.checked)}
      />
      <span className="step-number" aria-hidden="true">
        {section.numbering === 'row' ? `Row ${step.number}` : `${step.number}.`}
      </span>
      <div className="step-body">
        <p className="step-instruction">
          <span className="visually-hidden">{name}: </span>
          {step.instruction}
        </p>
        {step.detail && <p className="step-detail">{step.detail}</p>}
        {step.copy?.map((item) => (
          <CopyBlock key={item.label} item={{ ...item, text: withAppId(item.text, clientId) }} />
        ))}
        {step.paste === 'essentials' && <EssentialsPaste />}
        {step.asks === 'secret-expiry' && <SecretExpiryStep />}
        {step.links && <ExternalLinks links={step.links} />}
        <TenantStepControls
          flow={flow}
          section={section.id}
          step={step.number}
          stepKey={stepKey(flow, section.id, step.number)}
        />
        {(step.check === 'ews' || step.check === 'graph') && <BounceSwitches />}
        {step.check && (
          <StepCheck
            kind={step.check}
            stepId={stepKey(flow, section.id, step.number)}
            flow={flow}
          />
        )}
      </div>
    </li>
  );
}
