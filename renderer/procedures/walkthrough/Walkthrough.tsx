import { useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import { authFlows, type AuthFlow } from '../../../shared/settings/system-settings';
import {
  anchorOf,
  walkthroughFor,
  type WalkthroughSection,
} from '../../../shared/walkthrough/steps';
import { systemSettingsStore, walkthroughStore } from '../../stores/instances';
import { useNavigation } from '../../stores/navigation';
import { doneCount, stepKey, type WalkthroughState } from '../../stores/walkthrough';
import { CheckFields } from './CheckFields';
import { StepItem } from './StepItem';
import { Limitations, WalkthroughNotes } from './WalkthroughNotes';
import './walkthrough.css';

const opensLabel = {
  'system-settings': 'Open System settings',
  'incoming-mail': 'Open Settings for incoming e-mail',
} as const;

type Target = WalkthroughState['target'];

interface SectionProps {
  flow: AuthFlow;
  section: WalkthroughSection;
  done: WalkthroughState['done'];
  target: Target;
}

/** One part of the guide: its heading with progress (and the procedure it fills in), then its steps. */
function SectionView({ flow, section, done, target }: SectionProps) {
  const openProcedure = useNavigation((s) => s.open);
  const numbers = section.steps.map((s) => s.number);
  const count = doneCount(done, flow, section.id, numbers);
  const titleId = `walkthrough-title-${section.id}`;
  const opens = section.steps.find((s) => s.opens)?.opens;
  return (
    <section className="walkthrough-section" aria-labelledby={titleId}>
      <div className="section-heading">
        <h2 id={titleId}>{section.title}</h2>
        <span className="section-progress" aria-label={`${count} of ${numbers.length} done`}>
          {count} / {numbers.length}
        </span>
        {opens && (
          <button type="button" className="button small" onClick={() => openProcedure(opens)}>
            {opensLabel[opens]}
          </button>
        )}
      </div>
      <p className="section-source">{section.source}</p>
      <ol className="walkthrough-steps" aria-label={`${section.title} steps`}>
        {section.steps.map((step) => {
          const key = stepKey(flow, section.id, step.number);
          return (
            <StepItem
              key={key}
              flow={flow}
              section={section}
              step={step}
              done={done[key] === true}
              targeted={
                target?.flow === flow &&
                target.section === section.id &&
                target.step === step.number
              }
              onDone={(isDone) => walkthroughStore.getState().setDone(key, isDone)}
            />
          );
        })}
      </ol>
    </section>
  );
}

function FlowChoice({ flow }: { flow: AuthFlow }) {
  return (
    <fieldset className="flow-choice">
      <legend>Authentication flow</legend>
      {authFlows.map((option) => (
        <label key={option.value}>
          <input
            type="radio"
            name="walkthrough-flow"
            value={option.value}
            checked={flow === option.value}
            onChange={() => walkthroughStore.getState().chooseFlow(option.value)}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}

/** Loads System settings (the flow and the Check buttons' prefill) and the ticks, once each. */
function useWalkthroughData() {
  const settingsPhase = useStore(systemSettingsStore, (s) => s.phase);
  useEffect(() => {
    if (settingsPhase === 'idle') void systemSettingsStore.getState().load();
  }, [settingsPhase]);

  useEffect(() => {
    void walkthroughStore.getState().loadProgress();
  }, []);
}

// A link asked for a step: bring it into view and give it focus once it is rendered.
function useScrollToTarget(target: Target) {
  useEffect(() => {
    if (!target) return;
    const frame = requestAnimationFrame(() => {
      const element = document.getElementById(anchorOf(target.section, target.step));
      element?.scrollIntoView({ block: 'center' });
      element?.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [target]);
}

/**
 * The Setup walkthrough (FLOWS.md §5): the guide's Azure Portal part for the chosen flow as a
 * checklist, then the app's own settings, with copy, paste and Check helpers along the way.
 */
export function Walkthrough() {
  const settingsFlow = useStore(systemSettingsStore, (s) => s.form.authFlow);
  const { flow: chosen, target, done, progressError } = useStore(walkthroughStore);
  const flow = chosen ?? settingsFlow;
  const sections = useMemo(() => walkthroughFor(flow), [flow]);
  useWalkthroughData();
  useScrollToTarget(target);

  return (
    <div className="procedure walkthrough">
      <header className="procedure-header">
        <h1>Setup walkthrough</h1>
        <FlowChoice flow={flow} />
      </header>
      <div className="walkthrough-body">
        {progressError && (
          <p className="row-error" role="alert">
            {progressError}
          </p>
        )}
        <WalkthroughNotes flow={flow} />
        <CheckFields />
        {sections.map((section) => (
          <SectionView key={section.id} flow={flow} section={section} done={done} target={target} />
        ))}
        <Limitations targeted={target?.section === 'limitations'} />
      </div>
    </div>
  );
}
