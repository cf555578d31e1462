import { memo, type ReactNode } from 'react';
import {
  accountFieldKey,
  type AccountColumnKey,
  type AccountEdit,
  type AccountValidation,
  type IncomingAccount,
} from '../../../shared/settings/incoming-settings';
import { shortFailure } from '../../../shared/diagnosis/short-failure';
import type { AuthFlow } from '../../../shared/settings/system-settings';
import { SecretField } from '../../components/SecretField';
import type { SecretDraft } from '../../stores/secret-drafts';
import { errorId, fieldId } from '../../components/field-ids';
import { setupStepsOf } from '../../check/setup-steps-of';
import { SetupStepLinks } from '../../check/SetupStepLink';
import { AvailablePicker } from './AvailablePicker';
import { TypePicker } from './TypePicker';

/** The cells keyboard navigation moves between, left to right. */
export const navigableColumns = [
  'email',
  'userName',
  'password',
  'types',
  'available',
] as const satisfies readonly AccountColumnKey[];

export const cellId = (id: string, column: AccountColumnKey) =>
  fieldId(accountFieldKey(id, column));

export interface RowActions {
  editRow(id: string, edit: AccountEdit): void;
  setPasswordDraft(id: string, draft: SecretDraft | undefined): void;
  touch(field: string): void;
  select(id: string): void;
}

export type RowErrors = Partial<Record<AccountColumnKey, string>>;

interface AccountRowProps {
  account: IncomingAccount;
  /** Where the row is drawn (the virtualiser's index; differs from `rowIndex` when filtered). */
  index: number;
  /** The row's place among all rows, from 0: row `rowIndex + 1` on the screen. */
  rowIndex: number;
  selected: boolean;
  credentialsUsed: boolean;
  /** Server settings' flow: a failed row links to the walkthrough steps of this flow. */
  flow: AuthFlow;
  passwordStored: boolean;
  passwordDraft: SecretDraft | undefined;
  /** Why the row's validation no longer holds ("the server settings changed"), if it does not. */
  outOfDate?: string;
  /** The row's errors as `column:message` lines, so an unchanged row is an unchanged prop. */
  errorText: string;
  actions: RowActions;
  start: number;
  measure(element: HTMLElement | null): void;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function ValMark(props: { validation: AccountValidation | undefined; outOfDate?: string }) {
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
    return `${stale}${plural(validation.total, 'message')}, ${validation.unread} unread${newest}`;
  }
  return stale + shortFailure(validation.reason);
}

export function parseRowErrors(errorText: string): RowErrors {
  const errors: RowErrors = {};
  for (const line of errorText.split('\n')) {
    const at = line.indexOf(':');
    if (at > 0) errors[line.slice(0, at) as AccountColumnKey] ??= line.slice(at + 1);
  }
  return errors;
}

interface CellState {
  control: { id: string; invalid: boolean; describedBy?: string };
  onBlur(): void;
  error?: string;
}

/** A grid cell with its control and, under it, the control's error. */
function GridCell(props: { cell: CellState; className?: string; children: ReactNode }) {
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

function CellInput({ cell, label, value, onChange, ...input }: CellInputProps) {
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

/** One E-mail accounts row; memoised so typing in one row re-renders only that row. */
export const AccountRow = memo(function AccountRow(props: AccountRowProps) {
  const { account, index, rowIndex, selected, credentialsUsed, flow, actions, errorText } = props;
  const { passwordStored, passwordDraft, outOfDate, start, measure } = props;
  const { id } = account;
  const errors = parseRowErrors(errorText);
  const details = detailsOf(account.validation, outOfDate);
  const cell = (column: AccountColumnKey) => {
    const message = errors[column];
    const field = accountFieldKey(id, column);
    return {
      control: {
        id: cellId(id, column),
        invalid: message !== undefined,
        describedBy: message !== undefined ? errorId(field) : undefined,
      },
      onBlur: () => actions.touch(field),
      error: message,
    };
  };
  const email = cell('email');
  const userName = cell('userName');
  const password = cell('password');
  const types = cell('types');
  const available = cell('available');
  // A picker has no blur of its own to count as leaving the cell: a pick does.
  const pick = (column: 'types' | 'available', edit: AccountEdit) => {
    actions.editRow(id, edit);
    actions.touch(accountFieldKey(id, column));
  };

  return (
    <div
      role="row"
      aria-rowindex={rowIndex + 2}
      aria-selected={selected}
      data-index={index}
      data-row-id={id}
      ref={measure}
      className={`grid-row${selected ? ' selected' : ''}`}
      style={{ transform: `translateY(${start}px)` }}
      onFocus={() => actions.select(id)}
      onMouseDown={() => actions.select(id)}
    >
      <div className="grid-cells">
        <div role="gridcell" className="cell val">
          <ValMark validation={account.validation} outOfDate={outOfDate} />
        </div>
        <GridCell cell={email}>
          <CellInput
            cell={email}
            label="E-mail"
            inputMode="email"
            value={account.email}
            onChange={(value) => actions.editRow(id, { email: value })}
          />
        </GridCell>
        <GridCell cell={userName}>
          <CellInput
            cell={userName}
            label="User name"
            disabled={!credentialsUsed}
            value={account.userName}
            onChange={(value) => actions.editRow(id, { userName: value })}
          />
        </GridCell>
        <GridCell cell={password} className="password">
          <label htmlFor={password.control.id} className="visually-hidden">
            Password
          </label>
          <SecretField
            {...password.control}
            onBlur={password.onBlur}
            label="Password"
            storedIsSet={passwordStored}
            draft={passwordDraft}
            onDraft={(draft) => actions.setPasswordDraft(id, draft)}
            disabled={!credentialsUsed}
          />
        </GridCell>
        <GridCell cell={types}>
          <TypePicker
            {...types.control}
            value={account.types}
            onChange={(next) => pick('types', { types: next })}
          />
        </GridCell>
        <GridCell cell={available}>
          <AvailablePicker
            {...available.control}
            value={account.available}
            onChange={(next) => pick('available', { available: next })}
          />
        </GridCell>
      </div>
      {details && (
        // A cell of its own across the row: a row holds only cells, and this line has links.
        <div
          role="gridcell"
          aria-colspan={navigableColumns.length + 1}
          className={`row-details ${outOfDate === undefined ? account.validation?.status : 'stale'}`}
        >
          <span
            className="row-details-text"
            title={account.validation?.status === 'failed' ? account.validation.reason : undefined}
          >
            {details}
          </span>
          {/* The fix was for the settings then; once out of date, validating again says what now. */}
          {account.validation?.status === 'failed' && outOfDate === undefined && (
            <SetupStepLinks
              steps={setupStepsOf({ facts: account.validation.facts }, flow, 'incoming-mail')}
              flow={flow}
            />
          )}
        </div>
      )}
    </div>
  );
});
