import { Countdown } from '../../components/Countdown';
import type { RowWait } from '../../stores/incoming/row-waits';
import { navigableColumns } from './grid-columns';

/** The Val. mark of a row whose check waits to try again. */
export function WaitMark({ wait }: { wait: RowWait }) {
  const text = `Waiting to try again: ${wait.why}`;
  return (
    <span className="val-mark waiting" role="img" aria-label={text} title={text}>
      ◷
    </span>
  );
}

/**
 * The line under a row while its check waits out Microsoft's throttling (or a change still
 * propagating): the countdown to the next try, what was answered, and how long throttling
 * holds the row against the most the app waits.
 */
export function RowWaitLine({ wait }: { wait: RowWait }) {
  const { why, waitedSeconds, boundSeconds } = wait;
  const throttled = waitedSeconds !== undefined && boundSeconds !== undefined;
  return (
    <div role="gridcell" aria-colspan={navigableColumns.length + 1} className="row-details waiting">
      <span className="row-details-text">
        <Countdown until={wait.until} /> ·{' '}
        {throttled
          ? `Microsoft is throttling (${why}): it holds this row ${waitedSeconds} s of at most ${boundSeconds} s`
          : why}
      </span>
    </div>
  );
}
