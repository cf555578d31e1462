import { memo } from 'react';
import {
  accountFieldKey,
  type AccountEdit,
  type IncomingAccount,
} from '../../../shared/settings/incoming-settings';
import { SecretField } from '../../components/SecretField';
import { incomingSettingsStore } from '../../stores/instances';
import { AvailablePicker } from './AvailablePicker';
import { CellInput, GridCell, cellOf } from './GridCell';
import { RowDetails, ValMark } from './RowValidation';
import { RowWaitLine, WaitMark } from './RowWait';
import { TypePicker } from './TypePicker';
import { useAccountRow, type AccountRowData } from './use-account-row';

interface AccountRowProps {
  id: string;
  /** Where the row is drawn (the virtualiser's index; differs from `rowIndex` when filtered). */
  index: number;
  /** The row's place among all rows, from 0: row `rowIndex + 1` on the screen. */
  rowIndex: number;
  start: number;
  measure(element: HTMLElement | null): void;
}

interface CellsProps {
  id: string;
  account: IncomingAccount;
  row: AccountRowData;
}

// The store's actions never change, so the cells take them as they render without subscribing.
const actions = () => incomingSettingsStore.getState();

function TextCells({ id, account, row }: CellsProps) {
  const { editRow, touch } = actions();
  const email = cellOf(id, 'email', row.errors.email, touch);
  const userName = cellOf(id, 'userName', row.errors.userName, touch);
  return (
    <>
      <GridCell cell={email}>
        <CellInput
          cell={email}
          label="E-mail"
          inputMode="email"
          value={account.email}
          onChange={(value) => editRow(id, { email: value })}
        />
      </GridCell>
      <GridCell cell={userName}>
        <CellInput
          cell={userName}
          label="User name"
          disabled={!row.credentialsUsed}
          value={account.userName}
          onChange={(value) => editRow(id, { userName: value })}
        />
      </GridCell>
    </>
  );
}

function PasswordCell({ id, row }: Omit<CellsProps, 'account'>) {
  const { setPasswordDraft, touch } = actions();
  const password = cellOf(id, 'password', row.errors.password, touch);
  return (
    <GridCell cell={password} className="password">
      <label htmlFor={password.control.id} className="visually-hidden">
        Password
      </label>
      <SecretField
        {...password.control}
        onBlur={password.onBlur}
        label="Password"
        storedIsSet={row.passwordStored}
        draft={row.passwordDraft}
        onDraft={(draft) => setPasswordDraft(id, draft)}
        disabled={!row.credentialsUsed}
      />
    </GridCell>
  );
}

function PickerCells({ id, account, row }: CellsProps) {
  const { editRow, touch } = actions();
  const types = cellOf(id, 'types', row.errors.types, touch);
  const available = cellOf(id, 'available', row.errors.available, touch);
  // A picker has no blur of its own to count as leaving the cell: a pick does.
  const pick = (column: 'types' | 'available', edit: AccountEdit) => {
    editRow(id, edit);
    touch(accountFieldKey(id, column));
  };
  return (
    <>
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
    </>
  );
}

/**
 * One E-mail accounts row. It reads its own data from the store and is memoised on where it is
 * drawn, so typing in one row re-renders only that row.
 */
export const AccountRow = memo(function AccountRow(props: AccountRowProps) {
  const { id, index, rowIndex, start, measure } = props;
  const row = useAccountRow(id, rowIndex);
  const { account, selected, outOfDate } = row;
  if (!account) return null;
  const { select } = actions();
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
      onFocus={() => select(id)}
      onMouseDown={() => select(id)}
    >
      <div className="grid-cells">
        <div role="gridcell" className="cell val">
          {row.wait ? (
            <WaitMark wait={row.wait} />
          ) : (
            <ValMark validation={account.validation} outOfDate={outOfDate} />
          )}
        </div>
        <TextCells id={id} account={account} row={row} />
        <PasswordCell id={id} row={row} />
        <PickerCells id={id} account={account} row={row} />
      </div>
      {row.wait ? (
        <RowWaitLine wait={row.wait} />
      ) : (
        <RowDetails account={account} outOfDate={outOfDate} flow={row.flow} />
      )}
    </div>
  );
});
