import { EXCHANGE_NOT_VALIDATED } from '../../../shared/contract/incoming';
import { GreenCheckButton } from '../../components/GreenCheckButton';
import { MailApiSelect } from '../../components/MailApiSelect';
import { useId, useRef } from 'react';
import { useStore } from 'zustand';
import type { ValidationProgress } from '../../stores/incoming/validation-slice';
import type { IncomingSettingsState } from '../../stores/incoming/state';
import { environmentStore, mailApiChoiceStore } from '../../stores/instances';
import { rowStaleReason } from '../../stores/incoming/staleness';
import { useValidationFocus, type ValidationFocusKey } from './use-validation-focus';

interface GridToolbarProps {
  state: IncomingSettingsState;
  onAddRow(): void;
}

type ToolbarState = { state: IncomingSettingsState };

/** The selected row, if it is still there. */
const selectedOf = ({ form, selectedId }: IncomingSettingsState) =>
  form.accounts.some((a) => a.id === selectedId) ? selectedId : undefined;

function RowButtons({ state, onAddRow }: GridToolbarProps) {
  const selected = selectedOf(state);
  return (
    <>
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
        disabled={!selected || !!state.validation}
        onClick={() => selected && state.deleteRow(selected)}
      >
        −
      </button>
    </>
  );
}

function UndoDelete({ state }: ToolbarState) {
  if (state.deleted.length === 0) return null;
  const lastDeleted = state.deleted.at(-1)?.account.email;
  return (
    <button type="button" className="button small" onClick={state.undoDelete}>
      Undo delete{lastDeleted ? ` (${lastDeleted})` : ''}
    </button>
  );
}

/** A validation under way: how far it is, and Cancel. */
function ValidateProgress({ state, run }: ToolbarState & { run: ValidationProgress }) {
  const cancelling = state.activeRun?.cancelling ?? false;
  return (
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
  );
}

interface ValidateButtonsProps extends ToolbarState {
  startedBy(key: ValidationFocusKey): void;
}

/** Validate through (Exchange Online), the green Validate selected icon and Validate all. */
function ValidateButtons({ state, startedBy }: ValidateButtonsProps) {
  const { form } = state;
  const selected = selectedOf(state);
  const through = useStore(mailApiChoiceStore, (s) => s.validate);
  const validate = (key: ValidationFocusKey, ids: string[]) => {
    startedBy(key);
    void state.validate(ids, through);
  };
  return (
    <>
      {form.service === 'exchange-online' && <ValidateThrough />}
      <GreenCheckButton
        label="Validate selected address"
        data-focus-key="validate-selected"
        disabled={!selected}
        onClick={() => selected && validate('validate-selected', [selected])}
      />
      <button
        type="button"
        className="button small"
        data-focus-key="validate-all"
        disabled={form.accounts.length === 0}
        onClick={() =>
          validate(
            'validate-all',
            form.accounts.map((a) => a.id),
          )
        }
      >
        Validate all
      </button>
    </>
  );
}

/** Add row (+, F5), Delete row, Undo delete, and the green Validate icon or why there is none. */
export function GridToolbar({ state, onAddRow }: GridToolbarProps) {
  const run = state.validation;
  const toolbar = useRef<HTMLDivElement>(null);
  const startedBy = useValidationFocus(!!run, toolbar);
  return (
    <div ref={toolbar} className="grid-toolbar" role="toolbar" aria-label="E-mail accounts">
      <RowButtons state={state} onAddRow={onAddRow} />
      {state.summary && !run && <ValidationSummaryNote state={state} />}
      <UndoDelete state={state} />
      <span className="toolbar-gap" />
      {state.form.service === 'exchange' ? (
        <span className="validate-unavailable" role="note">
          {EXCHANGE_NOT_VALIDATED}
        </span>
      ) : run ? (
        <ValidateProgress state={state} run={run} />
      ) : (
        <ValidateButtons state={state} startedBy={startedBy} />
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
  const environment = useStore(environmentStore, (s) => s.view?.environment);
  if (!summary) return null;
  // A summary belongs to what was validated: once a row's result no longer holds, neither does it.
  const outOfDate = state.form.accounts.some((a) => rowStaleReason(state, a, environment));
  return (
    <span className="validation-summary">
      <span role="status">
        {summary.validated} validated, {summary.failed} failed
        {outOfDate && ' (out of date: the settings changed since; Validate again)'}
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
