import { memo } from 'react';
import {
  accountFieldKey,
  type AccountColumnKey,
  type AccountEdit,
  type AccountValidation,
  type IncomingAccount,
} from '../../../shared/settings/incoming-settings';
import { SecretField } from '../../components/SecretField';
import type { SecretDraft } from '../../stores/secret-drafts';
import { errorId, fieldId } from '../system-settings/field-ids';
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
  index: number;
  selected: boolean;
  credentialsUsed: boolean;
  passwordStored: boolean;
  passwordDraft: SecretDraft | undefined;
  /** The row's errors as `column:message` lines, so an unchanged row is an unchanged prop. */
  errorText: string;
  actions: RowActions;
  start: number;
  measure(element: HTMLElement | null): void;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function ValMark({ validation }: { validation: AccountValidation | undefined }) {
  if (!validation) return null;
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

/** One line under a validated row: counts and newest subjects, or the failure in short. */
function detailsOf(validation: AccountValidation | undefined): string | undefined {
  if (!validation) return undefined;
  if (validation.status === 'ok') {
    const newest =
      validation.newest.length > 0 ? ` · Newest: ${validation.newest.join(' · ')}` : '';
    return `${plural(validation.total, 'message')}, ${validation.unread} unread${newest}`;
  }
  const lines = validation.reason.split('\n');
  const meaning = lines.find((l) => l.startsWith('Meaning: '))?.slice('Meaning: '.length);
  return [lines[0], meaning].filter(Boolean).join(' — ');
}

export function parseRowErrors(errorText: string): RowErrors {
  const errors: RowErrors = {};
  for (const line of errorText.split('\n')) {
    const at = line.indexOf(':');
    if (at > 0) errors[line.slice(0, at) as AccountColumnKey] ??= line.slice(at + 1);
  }
  return errors;
}

/** One E-mail accounts row; memoised so typing in one row re-renders only that row. */
export const AccountRow = memo(function AccountRow(props: AccountRowProps) {
  const { account, index, selected, credentialsUsed, actions, errorText } = props;
  const { passwordStored, passwordDraft, start, measure } = props;
  const { id } = account;
  const errors = parseRowErrors(errorText);
  const details = detailsOf(account.validation);
  const cell = (column: AccountColumnKey) => {
    const message = errors[column];
    const field = accountFieldKey(id, column);
    return {
      id: cellId(id, column),
      invalid: message !== undefined,
      describedBy: message !== undefined ? errorId(field) : undefined,
      onBlur: () => actions.touch(field),
      error: message && (
        <span id={errorId(field)} className="cell-error">
          {message}
        </span>
      ),
    };
  };
  const email = cell('email');
  const userName = cell('userName');
  const password = cell('password');
  const types = cell('types');
  const available = cell('available');

  return (
    <div
      role="row"
      aria-rowindex={index + 2}
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
          <ValMark validation={account.validation} />
        </div>
        <div role="gridcell" className="cell">
          <input
            id={email.id}
            className="control cell-input"
            aria-label="E-mail"
            aria-invalid={email.invalid || undefined}
            aria-describedby={email.describedBy}
            type="text"
            inputMode="email"
            spellCheck={false}
            autoComplete="off"
            value={account.email}
            onChange={(e) => actions.editRow(id, { email: e.target.value })}
            onBlur={email.onBlur}
          />
          {email.error}
        </div>
        <div role="gridcell" className="cell">
          <input
            id={userName.id}
            className="control cell-input"
            aria-label="User name"
            aria-invalid={userName.invalid || undefined}
            aria-describedby={userName.describedBy}
            type="text"
            spellCheck={false}
            autoComplete="off"
            disabled={!credentialsUsed}
            value={account.userName}
            onChange={(e) => actions.editRow(id, { userName: e.target.value })}
            onBlur={userName.onBlur}
          />
          {userName.error}
        </div>
        <div role="gridcell" className="cell password">
          <label htmlFor={password.id} className="visually-hidden">
            Password
          </label>
          <SecretField
            id={password.id}
            label="Password"
            storedIsSet={passwordStored}
            draft={passwordDraft}
            onDraft={(draft) => actions.setPasswordDraft(id, draft)}
            onBlur={password.onBlur}
            disabled={!credentialsUsed}
            invalid={password.invalid}
            describedBy={password.describedBy}
          />
          {password.error}
        </div>
        <div role="gridcell" className="cell">
          <TypePicker
            id={types.id}
            value={account.types}
            invalid={types.invalid}
            describedBy={types.describedBy}
            onChange={(next) => {
              actions.editRow(id, { types: next });
              actions.touch(accountFieldKey(id, 'types'));
            }}
          />
          {types.error}
        </div>
        <div role="gridcell" className="cell">
          <AvailablePicker
            id={available.id}
            value={account.available}
            invalid={available.invalid}
            describedBy={available.describedBy}
            onChange={(next) => {
              actions.editRow(id, { available: next });
              actions.touch(accountFieldKey(id, 'available'));
            }}
          />
          {available.error}
        </div>
      </div>
      {details && (
        <div
          className={`row-details ${account.validation?.status}`}
          title={account.validation?.status === 'failed' ? account.validation.reason : undefined}
        >
          {details}
        </div>
      )}
    </div>
  );
});
