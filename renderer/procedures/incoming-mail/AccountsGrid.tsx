import {
  useCallback,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type Ref,
} from 'react';
import { useStore } from 'zustand';
import { createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { incomingAccountColumns } from '../../../shared/settings/incoming-rows';
import {
  isAccountColumnEnabled,
  type AccountColumnKey,
  type IncomingAccount,
} from '../../../shared/settings/incoming-settings';
import type { FieldError } from '../../../shared/settings/field-error';
import {
  currentBasis,
  staleReasonOf,
  type IncomingSettingsState,
} from '../../stores/incoming-settings';
import { environmentStore } from '../../stores/instances';
import { AccountRow, cellId, navigableColumns, type RowActions } from './AccountRow';

/** What the procedure asks of the grid: bring a cell into view and focus it. */
export interface GridHandle {
  focusCell(id: string, column: AccountColumnKey): void;
}

interface AccountsGridProps {
  state: IncomingSettingsState;
  errors: FieldError[];
  handle: Ref<GridHandle>;
}

const ROW_HEIGHT = 30;
const FOCUS_ATTEMPTS = 10;

/** What the table holds of a row: its id. Its values come from the form by index. */
interface RowKey {
  id: string;
}

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, RowKey>();
const columns = helper.columns(
  incomingAccountColumns.map((c) => helper.display({ id: c.key, header: c.label })),
);
const getRowId = (row: RowKey) => row.id;

const keysOf = (accounts: readonly IncomingAccount[]) => accounts.map(({ id }): RowKey => ({ id }));

const sameIds = (keys: readonly RowKey[], accounts: readonly IncomingAccount[]) =>
  keys.length === accounts.length && keys.every((k, i) => k.id === accounts[i]?.id);

/**
 * The table's data, the same array for as long as the rows' ids and order stay: an edit in a
 * cell replaces one account, and the table need not rebuild its row model for that.
 */
function useRowKeys(accounts: readonly IncomingAccount[]): RowKey[] {
  const [keys, setKeys] = useState(() => keysOf(accounts));
  if (sameIds(keys, accounts)) return keys;
  // A row added, deleted or put back: React renders again with the new keys before committing.
  const next = keysOf(accounts);
  setKeys(next);
  return next;
}

/** Each row's errors as `column:message` lines (see AccountRow). */
function errorTextByRow(errors: FieldError[]): Map<string, string> {
  const byRow = new Map<string, string>();
  for (const { field, message } of errors) {
    const [prefix, id, column] = field.split('.');
    if (prefix !== 'accounts' || !id || !column) continue;
    const line = `${column}:${message}`;
    byRow.set(id, byRow.has(id) ? `${byRow.get(id)}\n${line}` : line);
  }
  return byRow;
}

/** Focuses an element once it is rendered (the virtualiser may first have to bring it in). */
function focusWhenRendered(elementId: string, attempt = 0) {
  const element = document.getElementById(elementId);
  if (element) {
    element.focus();
    return;
  }
  if (attempt < FOCUS_ATTEMPTS)
    requestAnimationFrame(() => focusWhenRendered(elementId, attempt + 1));
}

const isTextEntry = (element: Element): element is HTMLInputElement =>
  element instanceof HTMLInputElement && element.type !== 'checkbox' && !element.readOnly;

/**
 * The E-mail accounts grid: a headless table (columns, row ids) drawn as an ARIA grid whose rows
 * are virtualised, so only the rows in view exist in the page however many accounts there are.
 * Arrow keys and Enter move between cells; Tab follows the page order.
 */
export function AccountsGrid({ state, errors, handle }: AccountsGridProps) {
  const all = state.form.accounts;
  // "Show failed only" after Validate all: the failed rows, each keeping its number.
  const accounts = useMemo(
    () => (state.showFailedOnly ? all.filter((a) => a.validation?.status === 'failed') : all),
    [all, state.showFailedOnly],
  );
  const rowIndexOf = useMemo(() => new Map(all.map((a, i) => [a.id, i])), [all]);
  const table = useTable({ features, columns, data: useRowKeys(accounts), getRowId });
  const rows = table.getRowModel().rows;
  // Stable while the row keys are: a new one makes the virtualiser redo every row's measurement.
  const getItemKey = useCallback((index: number) => rows[index]?.id ?? index, [rows]);
  const scrollRef = useRef<HTMLDivElement>(null);
  // The grid is not compiled by the React Compiler; rows are memoised by hand (AccountRow).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey,
    overscan: 8,
  });

  const { editRow, setPasswordDraft, touch, select } = state;
  const actions: RowActions = useMemo(
    () => ({ editRow, setPasswordDraft, touch, select }),
    [editRow, setPasswordDraft, touch, select],
  );
  const rowErrors = useMemo(() => errorTextByRow(errors), [errors]);
  const credentialsUsed = isAccountColumnEnabled('userName', state.form);
  const environment = useStore(environmentStore, (s) => s.view?.environment);
  // What a validation would depend on now; a result that depended on other things is out of date.
  const basisNow = environment && currentBasis(state, environment);

  const indexOf = useCallback((id: string) => accounts.findIndex((a) => a.id === id), [accounts]);
  const focusCell = useCallback(
    (id: string, column: AccountColumnKey) => {
      const index = indexOf(id);
      if (index < 0) return;
      virtualizer.scrollToIndex(index, { align: 'auto' });
      focusWhenRendered(cellId(id, column === 'validation' ? 'email' : column));
    },
    [indexOf, virtualizer],
  );
  useImperativeHandle(handle, () => ({ focusCell }), [focusCell]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (target.closest('.cell-popover')) return;
    const rowId = target.closest<HTMLElement>('[data-row-id]')?.dataset.rowId;
    const column = navigableColumns.find((c) => rowId && target.id === cellId(rowId, c));
    if (!rowId || !column) return;
    const row = indexOf(rowId);
    const col = navigableColumns.indexOf(column);
    const text = isTextEntry(target) ? target : undefined;
    const atStart = !text || (text.selectionStart === 0 && text.selectionEnd === 0);
    const atEnd = !text || text.selectionStart === text.value.length;
    const moves: Record<string, [number, number] | undefined> = {
      ArrowUp: [row - 1, col],
      ArrowDown: [row + 1, col],
      Enter: text ? [row + 1, col] : undefined,
      ArrowLeft: atStart ? [row, col - 1] : undefined,
      ArrowRight: atEnd ? [row, col + 1] : undefined,
    };
    const move = moves[event.key];
    if (!move) return;
    const [nextRow, nextCol] = move;
    const account = accounts[nextRow];
    const nextColumn = navigableColumns[nextCol];
    if (!account || !nextColumn) return;
    event.preventDefault();
    focusCell(account.id, nextColumn);
  };

  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  return (
    <div
      role="grid"
      aria-label="E-mail accounts"
      aria-rowcount={all.length + 1}
      aria-colcount={headers.length}
      className="accounts-grid"
      onKeyDown={onKeyDown}
    >
      <div role="row" aria-rowindex={1} className="grid-row header">
        <div className="grid-cells">
          {headers.map((header) => (
            <div key={header.id} role="columnheader" className={`cell head-${header.id}`}>
              {incomingAccountColumns.find((c) => c.key === header.id)?.label}
            </div>
          ))}
        </div>
      </div>
      <div ref={scrollRef} className="grid-body">
        {accounts.length === 0 && (
          <p className="grid-empty">No e-mail accounts yet: press Add row (F5).</p>
        )}
        <div className="grid-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const account = accounts[item.index];
            if (!account) return null;
            return (
              <AccountRow
                key={account.id}
                account={account}
                index={item.index}
                rowIndex={rowIndexOf.get(account.id) ?? item.index}
                start={item.start}
                measure={virtualizer.measureElement}
                selected={state.selectedId === account.id}
                credentialsUsed={credentialsUsed}
                flow={state.form.authFlow}
                passwordStored={state.secretsSet.passwords[account.id] ?? false}
                passwordDraft={state.passwordDrafts[account.id]}
                outOfDate={basisNow && staleReasonOf(account, basisNow)}
                errorText={rowErrors.get(account.id) ?? ''}
                actions={actions}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
