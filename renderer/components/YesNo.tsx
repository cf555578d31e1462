import type { SelectHTMLAttributes } from 'react';

type YesNoProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & {
  value: boolean;
  onChange(value: boolean): void;
};

/** The ERP's Yes/No drop-down. */
export function YesNo({ value, onChange, ...rest }: YesNoProps) {
  return (
    <select
      {...rest}
      value={value ? 'yes' : 'no'}
      onChange={(e) => onChange(e.target.value === 'yes')}
    >
      <option value="yes">Yes</option>
      <option value="no">No</option>
    </select>
  );
}
