import { mailTypes, type MailType } from '../../../shared/settings/incoming-settings';
import { CellPopover, type CellPickerProps } from './CellPopover';

const labelOf = new Map<string, string>(mailTypes.map((t) => [t.value, t.label]));

/** The Type cell: the guide's eleven kinds of mail as check boxes; at least one. */
export function TypePicker({ value, onChange, ...cell }: CellPickerProps<MailType[]>) {
  const summary = value.map((v) => labelOf.get(v) ?? v).join(', ');
  const toggle = (type: MailType, on: boolean) =>
    onChange(mailTypes.map((t) => t.value).filter((t) => (t === type ? on : value.includes(t))));
  return (
    <CellPopover {...cell} label="Type" summary={summary} title={summary || 'No type chosen'}>
      <fieldset className="type-list">
        <legend>Mail types</legend>
        {mailTypes.map((t) => (
          <label key={t.value} className="check-line">
            <input
              type="checkbox"
              checked={value.includes(t.value)}
              onChange={(e) => toggle(t.value, e.target.checked)}
            />
            {t.label}
          </label>
        ))}
      </fieldset>
    </CellPopover>
  );
}
