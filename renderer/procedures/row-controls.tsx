import type { HTMLAttributes } from 'react';
import { SecretField } from '../components/SecretField';
import type { SecretDraft } from '../stores/secret-drafts';
import { errorId, fieldId } from '../components/field-ids';

/** What every settings row's control has: its id, whether it is in use, touch on leave, errors. */
export function rowControlProps(
  key: string,
  disabled: boolean,
  invalid: boolean,
  touch: (key: string) => void,
) {
  return {
    id: fieldId(key),
    disabled,
    onBlur: () => touch(key),
    'aria-invalid': invalid || undefined,
    'aria-describedby': invalid ? errorId(key) : undefined,
  };
}
export type RowControlProps = ReturnType<typeof rowControlProps>;

interface RowSecretProps {
  common: RowControlProps;
  label: string;
  storedIsSet: boolean;
  draft: SecretDraft | undefined;
  onDraft(draft: SecretDraft | undefined): void;
}

export function RowSecret({ common, ...secret }: RowSecretProps) {
  return (
    <SecretField
      {...common}
      {...secret}
      invalid={common['aria-invalid'] === true}
      describedBy={common['aria-describedby']}
    />
  );
}

interface RowSelectProps {
  common: RowControlProps;
  options: readonly { value: string; label: string }[];
  value: string;
  onChange(value: string): void;
}

export function RowSelect({ common, options, value, onChange }: RowSelectProps) {
  return (
    <select
      {...common}
      className="control select"
      value={value}
      onChange={(e) => onChange(e.target.value)}
    >
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

interface RowTextProps {
  common: RowControlProps;
  value: string;
  onChange(value: string): void;
  placeholder?: string;
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
}

/** A free-text row: names, addresses and IDs, so no spelling check and no autofill. */
export function RowText({ common, value, onChange, ...text }: RowTextProps) {
  return (
    <input
      {...common}
      {...text}
      className="control text"
      type="text"
      spellCheck={false}
      autoComplete="off"
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
