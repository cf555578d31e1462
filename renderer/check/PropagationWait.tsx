import { useSecondsLeft } from '../components/Countdown';
import type { StepWait } from '../stores/check-run';

export const PROPAGATION_NORMAL =
  'This is normal after a consent or permission change: Microsoft 365 takes a few minutes to apply it, and the app tries again by itself.';

/**
 * One steady countdown for the whole wait after a consent or permission change (every retry
 * together, not one figure per retry), what Microsoft 365 answered, and that this is normal.
 */
export function PropagationWait({ wait }: { wait: StepWait }) {
  const left = useSecondsLeft(wait.endsAt);
  return (
    <div className="propagation-wait">
      <p className="propagation-wait-countdown">
        Waiting for the change to reach Microsoft 365: at most {left} s left of {wait.totalSeconds}{' '}
        s{wait.answer ? ` (Microsoft 365 answered ${wait.answer})` : ''}.
      </p>
      <p className="propagation-wait-normal">{PROPAGATION_NORMAL}</p>
    </div>
  );
}
