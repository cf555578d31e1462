import { stepNames } from '../../../../shared/diagnosis/failure';
import { useStore } from 'zustand';
import type { StepProgress, StepState } from '../../../stores/check-run';
import { PropagationWait } from '../../../check/PropagationWait';
import { checkRunStore } from '../../../stores/instances';
import { Countdown } from '../../../components/Countdown';

const marks: Record<StepState, string> = {
  pending: '○',
  running: '◌',
  waiting: '◷',
  done: '✓',
  failed: '✗',
};

/**
 * One step: its state, and while it waits the countdown to the next try (throttling), or after a
 * consent or permission change one steady countdown for the whole wait instead of one per try.
 */
function CheckStepRow({ step: s }: { step: StepProgress }) {
  const propagation = s.wait?.reason === 'propagation' ? s.wait : undefined;
  const state =
    s.state === 'waiting' && s.retryAt !== undefined && !propagation ? (
      <Countdown until={s.retryAt} />
    ) : propagation && s.state === 'running' ? (
      'trying again'
    ) : (
      s.state
    );
  return (
    <li className={`check-step ${s.state}`}>
      <span className="check-step-mark" aria-hidden="true">
        {marks[s.state]}
      </span>
      <span>{stepNames[s.step]}</span>
      <span className="check-step-state">{state}</span>
      {propagation ? (
        <PropagationWait wait={propagation} />
      ) : (
        s.detail && <span className="check-step-detail">{s.detail}</span>
      )}
    </li>
  );
}

/** The steps of a running test, the one in progress named in a live status line. */
export function CheckProgress({ cancelling }: { cancelling: boolean }) {
  const steps = useStore(checkRunStore, (s) => s.steps);
  const current = steps.find((s) => s.state === 'running' || s.state === 'waiting');
  const status = cancelling
    ? 'Cancelling…'
    : current
      ? `${stepNames[current.step]}${current.attempt && current.attempt > 1 ? ` (try ${current.attempt})` : ''}…`
      : 'Starting…';

  return (
    <div className="check-progress">
      <div className="check-progress-status">
        <progress aria-label="Test in progress" />
        <span role="status">{status}</span>
      </div>
      <ol className="check-steps" aria-label="Steps">
        {steps.map((s) => (
          <CheckStepRow key={s.step} step={s} />
        ))}
      </ol>
    </div>
  );
}
