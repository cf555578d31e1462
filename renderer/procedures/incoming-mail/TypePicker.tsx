import { mailTypes, type MailType } from '../../../shared/settings/incoming-settings';
import { CellPopover } from './CellPopover';

interface TypePickerProps {
  id: string;
  value: readonly MailType[];
  invalid: boolean;
  describedBy?: string;
  onChange(types: MailType[]): void;
}

const labelOf = new Map<string, string>(mailTypes.map((t) => [t.value, t.label]));

/** The Type cell: the guide's eleven kinds of mail as check boxes; at least one. */
export function TypePicker({ id, value, invalid, describedBy, onChange }: TypePickerProps) {
  const summary = value.map((v) => labelOf.get(v) ?? v).join(', ');
  const toggle = (type: MailType, on: boolean) =>
    onChange(mailTypes.map((t) => t.value).filter((t) => (t === type ? on : value.includes(t))));
  return (
    <CellPopover
      id={id}
      label="Type"
      summary={summary}
      title={summary || 'No type chosen'}
      invalid={invalid}
      describedBy={describedBy}
    >
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
