import type { ReactNode } from 'react';
import { accountFieldKey, type AccountColumnKey } from '../../../shared/settings/incoming-settings';
import { errorId } from '../../components/field-ids';
import { cellId } from './grid-columns';

export interface CellState {
  control: { id: string; invalid: boolean; describedBy?: string };
  onBlur(): void;
  error?: string;
}

/** A row's cell in a column: its control's id and error, and leaving it counts as touched. */
export function cellOf(
  id: string,
  column: AccountColumnKey,
  message: string | undefined,
  touch: (field: string) => void,
): CellState {
  const field = accountFieldKey(id, column);
  return {
    control: {
      id: cellId(id, column),
      invalid: message !== undefined,
      describedBy: message !== undefined ? errorId(field) : undefined,
    },
    onBlur: () => touch(field),
    error: message,
  };
}

/** A grid cell with its control and, under it, the control's error. */
export function GridCell(props: { cell: CellState; className?: string; children: ReactNode }) {
  const { cell } = props;
  return (
    <div role="gridcell" className={props.className ? `cell ${props.className}` : 'cell'}>
      {props.children}
      {cell.error !== undefined && (
        <span id={cell.control.describedBy} className="cell-error">
          {cell.error}
        </span>
      )}
    </div>
  );
}

interface CellInputProps {
  cell: CellState;
  label: string;
  value: string;
  onChange(value: string): void;
  inputMode?: 'email';
  disabled?: boolean;
}

export function CellInput({ cell, label, value, onChange, ...input }: CellInputProps) {
  return (
    <input
      {...input}
      id={cell.control.id}
      className="control cell-input"
      aria-label={label}
      aria-invalid={cell.control.invalid || undefined}
      aria-describedby={cell.control.describedBy}
      type="text"
      spellCheck={false}
      autoComplete="off"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onBlur={cell.onBlur}
    />
  );
}
