import {
  useCallback,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
  type Ref,
  type RefObject,
} from 'react';
import { useStore } from 'zustand';
import { createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { incomingAccountColumns } from '../../../shared/settings/incoming-rows';
import type { AccountColumnKey, IncomingAccount } from '../../../shared/settings/incoming-settings';
import { incomingSettingsStore } from '../../stores/instances';
import { AccountRow } from './AccountRow';
import { cellId } from './grid-columns';
import { moveFocusByKey } from './grid-keys';

/** What the procedure asks of the grid: bring a cell into view and focus it. */
export interface GridHandle {
  focusCell(id: string, column: AccountColumnKey): void;
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

/** All rows, and those shown: after Validate all, "Show failed only" keeps the failed ones. */
function useShownAccounts() {
  const all = useStore(incomingSettingsStore, (s) => s.form.accounts);
  const failedOnly = useStore(incomingSettingsStore, (s) => s.showFailedOnly);
  const shown = useMemo(
    () => (failedOnly ? all.filter((a) => a.validation?.status === 'failed') : all),
    [all, failedOnly],
  );
  return { all, shown };
}

/** The virtualiser over the table's rows, keyed by row id. */
function useRowVirtualizer(
  rows: readonly { id: string }[],
  scrollRef: RefObject<HTMLDivElement | null>,
) {
  // Stable while the row keys are: a new one makes the virtualiser redo every row's measurement.
  const getItemKey = useCallback((index: number) => rows[index]?.id ?? index, [rows]);
  // The grid is not compiled by the React Compiler; rows are memoised by hand (AccountRow).
  // eslint-disable-next-line react-hooks/incompatible-library
  return useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey,
    overscan: 8,
  });
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

/** Brings a shown row's cell into view and focuses it; the procedure asks through `handle`. */
function useCellFocus(
  shown: readonly IncomingAccount[],
  virtualizer: ReturnType<typeof useRowVirtualizer>,
  handle: Ref<GridHandle>,
) {
  const focusCell = useCallback(
    (id: string, column: AccountColumnKey) => {
      const index = shown.findIndex((a) => a.id === id);
      if (index < 0) return;
      virtualizer.scrollToIndex(index, { align: 'auto' });
      focusWhenRendered(cellId(id, column === 'validation' ? 'email' : column));
    },
    [shown, virtualizer],
  );
  useImperativeHandle(handle, () => ({ focusCell }), [focusCell]);
  return focusCell;
}

function GridHeader({ ids }: { ids: readonly string[] }) {
  return (
    <div role="row" aria-rowindex={1} className="grid-row header">
      <div className="grid-cells">
        {ids.map((id) => (
          <div key={id} role="columnheader" className={`cell head-${id}`}>
            {incomingAccountColumns.find((c) => c.key === id)?.label}
          </div>
        ))}
      </div>
    </div>
  );
}

/**
 * The E-mail accounts grid: a headless table (columns, row ids) drawn as an ARIA grid whose rows
 * are virtualised, so only the rows in view exist in the page however many accounts there are.
 * Each row reads its own data from the store. Arrow keys and Enter move between cells; Tab
 * follows the page order.
 */
export function AccountsGrid({ handle }: { handle: Ref<GridHandle> }) {
  const { all, shown } = useShownAccounts();
  const rowIndexOf = useMemo(() => new Map(all.map((a, i) => [a.id, i])), [all]);
  const table = useTable({ features, columns, data: useRowKeys(shown), getRowId });
  const rows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useRowVirtualizer(rows, scrollRef);
  const focusCell = useCellFocus(shown, virtualizer, handle);
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  return (
    <div
      role="grid"
      aria-label="E-mail accounts"
      aria-rowcount={all.length + 1}
      aria-colcount={headers.length}
      className="accounts-grid"
      onKeyDown={(event) => moveFocusByKey(event, shown, focusCell)}
    >
      <GridHeader ids={headers.map((header) => header.id)} />
      <div ref={scrollRef} className="grid-body">
        {shown.length === 0 && (
          <p className="grid-empty">No e-mail accounts yet: press Add row (F5).</p>
        )}
        <div className="grid-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const account = shown[item.index];
            if (!account) return null;
            return (
              <AccountRow
                key={account.id}
                id={account.id}
                index={item.index}
                rowIndex={rowIndexOf.get(account.id) ?? item.index}
                start={item.start}
                measure={virtualizer.measureElement}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
