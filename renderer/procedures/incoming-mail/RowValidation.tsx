import { useId, useState } from 'react';
import type {
  AccountValidation,
  IncomingAccount,
} from '../../../shared/settings/incoming-settings';
import { shortFailure } from '../../../shared/diagnosis/short-failure';
import type { AuthFlow } from '../../../shared/settings/system-settings';
import { setupStepsOf } from '../../check/setup-steps-of';
import { SetupStepLinks } from '../../check/SetupStepLink';
import { navigableColumns } from './grid-columns';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** An arrival time to the minute, in UTC as the Test log and the Result give times. */
const arrivedAt = (iso: string) =>
  `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** The row's Val. mark: validated, failed, or a result about other settings than these. */
export function ValMark(props: { validation: AccountValidation | undefined; outOfDate?: string }) {
  const { validation, outOfDate } = props;
  if (!validation) return null;
  // Out of date is neither the check nor the red mark: the result was about other settings.
  if (outOfDate !== undefined) {
    const was = validation.status === 'ok' ? 'Validated' : 'Validation failed';
    const text = `${was}, out of date: ${outOfDate}`;
    return (
      <span
        className="val-mark stale"
        role="img"
        aria-label={text}
        title={`${text}. Validate again.`}
      >
        ↻
      </span>
    );
  }
  if (validation.status === 'ok') {
    const text = `Validated: ${plural(validation.total, 'message')}, ${validation.unread} unread`;
    return (
      <span className="val-mark ok" role="img" aria-label={text} title={text}>
        ✓
      </span>
    );
  }
  return (
    <span
      className="val-mark failed"
      role="img"
      aria-label={`Validation failed: ${validation.reason.split('\n')[0]}`}
      title={validation.reason}
    >
      ✕
    </span>
  );
}

/**
 * One line under a validated row: counts and newest subjects, or the failure in short; after
 * why it is out of date, when it is.
 */
function detailsOf(
  validation: AccountValidation | undefined,
  outOfDate: string | undefined,
): string | undefined {
  if (!validation) return undefined;
  const stale = outOfDate === undefined ? '' : `Out of date: ${outOfDate}. Before: `;
  if (validation.status === 'ok') {
    const newest =
      validation.newest.length > 0 ? ` · Newest: ${validation.newest.join(' · ')}` : '';
    const arrived = validation.newestAt
      ? ` · Newest arrived ${arrivedAt(validation.newestAt)}`
      : '';
    return `${stale}${plural(validation.total, 'message')}, ${validation.unread} unread${arrived}${newest}`;
  }
  return stale + shortFailure(validation.reason);
}

interface RowDetailsProps {
  account: IncomingAccount;
  outOfDate: string | undefined;
  flow: AuthFlow;
}

/**
 * The whole failure, which the line and the red mark only hint at: a button any keyboard
 * reaches opens it below the line, in a region a screen reader reads by its name.
 */
function FailureDetail({ email, reason }: { email: string; reason: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const who = email.trim() || 'this row';
  const shown = open ? 'Hide details' : 'Details';
  return (
    <>
      <button
        type="button"
        className="button small row-details-toggle"
        aria-expanded={open}
        aria-controls={id}
        // The name starts with what the button shows (WCAG 2.5.3), then whose failure it is.
        aria-label={`${shown} for ${who}`}
        onClick={() => setOpen(!open)}
      >
        {shown}
      </button>
      {open && (
        <div
          id={id}
          role="region"
          aria-label={`Validation failure for ${who}`}
          className="row-failure"
        >
          {reason}
        </div>
      )}
    </>
  );
}

/** The line under a validated row, with links to the setup steps that fix a failure. */
export function RowDetails({ account, outOfDate, flow }: RowDetailsProps) {
  const { validation } = account;
  const details = detailsOf(validation, outOfDate);
  if (!details) return null;
  const failed = validation?.status === 'failed' ? validation : undefined;
  return (
    // A cell of its own across the row: a row holds only cells, and this line has links.
    <div
      role="gridcell"
      aria-colspan={navigableColumns.length + 1}
      className={`row-details ${outOfDate === undefined ? validation?.status : 'stale'}`}
    >
      <span className="row-details-text" title={failed?.reason}>
        {details}
      </span>
      {failed && <FailureDetail email={account.email} reason={failed.reason} />}
      {/* The fix was for the settings then; once out of date, validating again says what now. */}
      {failed && outOfDate === undefined && (
        <SetupStepLinks
          steps={setupStepsOf({ facts: failed.facts }, flow, 'incoming-mail')}
          flow={flow}
        />
      )}
    </div>
  );
}
