import { EXCHANGE_NOT_VALIDATED } from '../../../shared/contract/incoming';
import { GreenCheckButton } from '../../components/GreenCheckButton';
import { MailApiSelect } from '../../components/MailApiSelect';
import { useId, useRef } from 'react';
import { useStore } from 'zustand';
import type { IncomingSettingsState } from '../../stores/incoming-settings';
import { mailApiChoiceStore } from '../../stores/instances';
import { useValidationFocus } from './use-validation-focus';

interface GridToolbarProps {
  state: IncomingSettingsState;
  onAddRow(): void;
}

/** Add row (+, F5), Delete row, Undo delete, and the green Validate icon or why there is none. */
export function GridToolbar({ state, onAddRow }: GridToolbarProps) {
  const { validation: run, activeRun, selectedId, form } = state;
  const cancelling = activeRun?.cancelling ?? false;
  const selected = form.accounts.some((a) => a.id === selectedId) ? selectedId : undefined;
  const lastDeleted = state.deleted.at(-1)?.account.email;
  const through = useStore(mailApiChoiceStore, (s) => s.validate);
  const toolbar = useRef<HTMLDivElement>(null);
  const startedBy = useValidationFocus(!!run, toolbar);
  return (
    <div ref={toolbar} className="grid-toolbar" role="toolbar" aria-label="E-mail accounts">
      <button
        type="button"
        className="icon-button"
        aria-label="Add row"
        aria-keyshortcuts="F5"
        title="Add new row at the end (F5)"
        onClick={onAddRow}
      >
        +
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="Delete row"
        title="Delete the selected row (undo until you save)"
        disabled={!selected || !!run}
        onClick={() => selected && state.deleteRow(selected)}
      >
        −
      </button>
      {state.summary && !run && <ValidationSummaryNote state={state} />}
      {state.deleted.length > 0 && (
        <button type="button" className="button small" onClick={state.undoDelete}>
          Undo delete{lastDeleted ? ` (${lastDeleted})` : ''}
        </button>
      )}
      <span className="toolbar-gap" />
      {form.service === 'exchange' ? (
        <span className="validate-unavailable" role="note">
          {EXCHANGE_NOT_VALIDATED}
        </span>
      ) : run ? (
        <span className="validate-progress">
          <progress max={run.total} value={run.done} aria-label="Validation progress" />
          <span role="status">
            {run.done} / {run.total}
          </span>
          <button
            type="button"
            className="button small"
            data-focus-key="cancel"
            disabled={cancelling}
            onClick={() => void state.cancelRun()}
          >
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        </span>
      ) : (
        <>
          {form.service === 'exchange-online' && <ValidateThrough />}
          <GreenCheckButton
            label="Validate selected address"
            data-focus-key="validate-selected"
            disabled={!selected}
            onClick={() => {
              if (!selected) return;
              startedBy('validate-selected');
              void state.validate([selected], through);
            }}
          />
          <button
            type="button"
            className="button small"
            data-focus-key="validate-all"
            disabled={form.accounts.length === 0}
            onClick={() => {
              startedBy('validate-all');
              void state.validate(
                form.accounts.map((a) => a.id),
                through,
              );
            }}
          >
            Validate all
          </button>
        </>
      )}
    </div>
  );
}

/** Validate through (SCREENS.md §3): EWS or Microsoft Graph, remembered like Send through. */
function ValidateThrough() {
  const id = useId();
  return (
    <span className="validate-through">
      <label htmlFor={id}>Validate through</label>
      <MailApiSelect id={id} use="validate" />
    </span>
  );
}

/** Validate all's summary, and a way to show only the rows that failed (SCREENS.md §3). */
function ValidationSummaryNote({ state }: { state: IncomingSettingsState }) {
  const { summary, showFailedOnly, setShowFailedOnly } = state;
  if (!summary) return null;
  return (
    <span className="validation-summary">
      <span role="status">
        {summary.validated} validated, {summary.failed} failed
      </span>
      {(summary.failed > 0 || showFailedOnly) && (
        <button
          type="button"
          className="button small"
          aria-pressed={showFailedOnly}
          onClick={() => setShowFailedOnly(!showFailedOnly)}
        >
          Show failed only
        </button>
      )}
    </span>
  );
}
