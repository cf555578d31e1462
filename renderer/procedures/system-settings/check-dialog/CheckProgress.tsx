import { stepNames } from '../../../../shared/diagnosis/failure';
import { useStore } from 'zustand';
import type { StepState } from '../../../stores/check-run';
import { checkRunStore } from '../../../stores/instances';
import { Countdown } from '../../../components/Countdown';

const marks: Record<StepState, string> = {
  pending: '○',
  running: '◌',
  waiting: '◷',
  done: '✓',
  failed: '✗',
};

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
          <li key={s.step} className={`check-step ${s.state}`}>
            <span className="check-step-mark" aria-hidden="true">
              {marks[s.state]}
            </span>
            <span>{stepNames[s.step]}</span>
            <span className="check-step-state">
              {s.state === 'waiting' && s.retryAt !== undefined ? (
                <Countdown until={s.retryAt} />
              ) : (
                s.state
              )}
            </span>
            {s.detail && <span className="check-step-detail">{s.detail}</span>}
          </li>
        ))}
      </ol>
    </div>
  );
}
