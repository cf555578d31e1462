import { AVAILABLE_TO_ALL } from '../../../shared/settings/incoming-rows';
import type { Availability } from '../../../shared/settings/incoming-settings';
import { CellPopover, type CellPickerProps } from './CellPopover';

/** The Available cell: Available to all (the default) or the ERP user names listed, one a line. */
export function AvailablePicker({ value, onChange, ...cell }: CellPickerProps<Availability>) {
  const names = value.all ? [] : value.users.filter((u) => u.trim() !== '');
  const summary = value.all ? AVAILABLE_TO_ALL : names.join(', ');
  return (
    <CellPopover {...cell} label="Available" summary={summary} title={summary || 'No user chosen'}>
      <label className="check-line">
        <input
          type="checkbox"
          checked={value.all}
          onChange={(e) => onChange(e.target.checked ? { all: true } : { all: false, users: [] })}
        />
        {AVAILABLE_TO_ALL}
      </label>
      <label className="users-label">
        ERP user names (one a line)
        <textarea
          className="control users"
          rows={5}
          disabled={value.all}
          value={value.all ? '' : value.users.join('\n')}
          onChange={(e) => onChange({ all: false, users: e.target.value.split('\n') })}
        />
      </label>
    </CellPopover>
  );
}
