import type { KeyboardEvent } from 'react';
import type { AccountColumnKey, IncomingAccount } from '../../../shared/settings/incoming-settings';
import { cellId, navigableColumns } from './grid-columns';

const isTextEntry = (element: Element): element is HTMLInputElement =>
  element instanceof HTMLInputElement && element.type !== 'checkbox' && !element.readOnly;

/**
 * Where a key moves focus from the cell at (row, col): arrows always, except left and right
 * inside typed text until the caret reaches its end; Enter moves down from a text cell.
 */
function moveOf(key: string, target: HTMLElement, row: number, col: number) {
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
  return moves[key];
}

/** Arrow keys and Enter between the cells of the rows shown; a popover keeps its own keys. */
export function moveFocusByKey(
  event: KeyboardEvent<HTMLDivElement>,
  accounts: readonly IncomingAccount[],
  focusCell: (id: string, column: AccountColumnKey) => void,
) {
  const target = event.target as HTMLElement;
  if (target.closest('.cell-popover')) return;
  const rowId = target.closest<HTMLElement>('[data-row-id]')?.dataset.rowId;
  const column = navigableColumns.find((c) => rowId && target.id === cellId(rowId, c));
  if (!rowId || !column) return;
  const row = accounts.findIndex((a) => a.id === rowId);
  const move = moveOf(event.key, target, row, navigableColumns.indexOf(column));
  if (!move) return;
  const [nextRow, nextCol] = move;
  const account = accounts[nextRow];
  const nextColumn = navigableColumns[nextCol];
  if (!account || !nextColumn) return;
  event.preventDefault();
  focusCell(account.id, nextColumn);
}
