import { useCallback, useEffect, useMemo, useRef, type RefObject } from 'react';
import { useStore } from 'zustand';
import { incomingAccountColumns, incomingServerRows } from '../../../shared/settings/incoming-rows';
import type { AccountColumnKey, IncomingAccount } from '../../../shared/settings/incoming-settings';
import type { FieldError } from '../../../shared/settings/field-error';
import { Banner } from '../../components/Banner';
import { incomingErrorsOf } from '../../stores/incoming/field-errors';
import { isIncomingDirty } from '../../stores/incoming/form-slice';
import { incomingSettingsStore } from '../../stores/instances';
import { fieldId } from '../../components/field-ids';
import { ProcedureFrame } from '../ProcedureFrame';
import { AccountsGrid, type GridHandle } from './AccountsGrid';
import { cellId } from './grid-columns';
import { GridToolbar } from './GridToolbar';
import { ServerSettings } from './ServerSettings';
import { holdTypingFor } from './type-ahead';

const serverShort = new Map<string, string>(incomingServerRows.map((r) => [r.key, r.short]));
const columnShort = new Map<string, string>(incomingAccountColumns.map((c) => [c.key, c.short]));

/** The errors panel's short name: the field's, or the column's with the row's number. */
function shortName(field: string, rowNumbers: ReadonlyMap<string, number>): string {
  const [prefix, id, column] = field.split('.');
  if (prefix !== 'accounts' || !id || !column) return serverShort.get(field) ?? field;
  return `${columnShort.get(column) ?? column} (row ${rowNumbers.get(id) ?? 0})`;
}

/** The errors with their short names, each row's number looked up once rather than per error. */
function panelErrorsOf(errors: FieldError[], accounts: readonly IncomingAccount[]) {
  if (errors.length === 0) return [];
  const rowNumbers = new Map(accounts.map((a, index) => [a.id, index + 1]));
  return errors.map((e) => ({ ...e, short: shortName(e.field, rowNumbers) }));
}

/**
 * Add row and F5 (the guide's Add row): appends a row and puts the caret in its E-mail cell,
 * keeping what is typed meanwhile.
 */
function useAddRow(addRow: () => string, grid: RefObject<GridHandle | null>) {
  const addAndFocus = useCallback(() => {
    const id = addRow();
    holdTypingFor(cellId(id, 'email'));
    requestAnimationFrame(() => grid.current?.focusCell(id, 'email'));
  }, [addRow, grid]);

  // Without preventDefault the browser would reload the page.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'F5' || event.ctrlKey || event.metaKey || event.altKey) return;
      event.preventDefault();
      if (incomingSettingsStore.getState().phase === 'ready') addAndFocus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [addAndFocus]);
  return addAndFocus;
}

/** The errors panel's choice: a grid cell through the grid, a server field by its id. */
function focusField(grid: RefObject<GridHandle | null>, field: string) {
  const [prefix, id, column] = field.split('.');
  if (prefix === 'accounts' && id && column)
    grid.current?.focusCell(id, column as AccountColumnKey);
  else requestAnimationFrame(() => document.getElementById(fieldId(field))?.focus());
}

/** Settings for incoming e-mail: Server settings and the E-mail accounts grid in the procedure frame. */
export function IncomingMail() {
  const state = useStore(incomingSettingsStore);
  // Validated once per change: the panel lists them all, the fields those already left.
  const { all, visible } = incomingErrorsOf(state);
  const dirty = useMemo(() => isIncomingDirty(state), [state]);
  const accounts = state.form.accounts;
  const panelErrors = useMemo(() => panelErrorsOf(all, accounts), [all, accounts]);
  const grid = useRef<GridHandle>(null);
  const addAndFocus = useAddRow(state.addRow, grid);

  return (
    <ProcedureFrame
      title="Settings for incoming e-mail"
      className="incoming-mail"
      store={incomingSettingsStore}
      dirty={dirty}
      errors={panelErrors}
      onSelectError={(field) => focusField(grid, field)}
      banners={
        state.runMessage && (
          <Banner kind="notice" message={state.runMessage} onDismiss={state.dismissRunMessage} />
        )
      }
    >
      {state.phase !== 'ready' ? (
        <p className="placeholder">Loading settings…</p>
      ) : (
        <div className="incoming-body">
          <ServerSettings state={state} errors={visible} />
          <section className="accounts" aria-labelledby="accounts-heading">
            <h2 id="accounts-heading" className="group-heading">
              E-mail accounts
            </h2>
            <GridToolbar state={state} onAddRow={addAndFocus} />
            <AccountsGrid handle={grid} />
          </section>
        </div>
      )}
    </ProcedureFrame>
  );
}
