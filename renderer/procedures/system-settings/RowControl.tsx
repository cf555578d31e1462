import type { SettingRow } from '../../../shared/settings/system-rows';
import {
  systemSecretKeys,
  type SystemSecretKey,
  type SystemSettingsForm,
} from '../../../shared/settings/system-settings';
import { SecretField } from '../../components/SecretField';
import { YesNo } from '../../components/YesNo';
import type { SystemSettingsState } from '../../stores/system-settings';
import { errorId, fieldId } from './field-ids';

interface RowControlProps {
  row: SettingRow;
  state: SystemSettingsState;
  disabled: boolean;
  invalid: boolean;
}

const isSecretKey = (key: string): key is SystemSecretKey =>
  (systemSecretKeys as readonly string[]).includes(key);

/** The control a row's kind calls for, bound to the form in the store. */
export function RowControl({ row, state, disabled, invalid }: RowControlProps) {
  const { key, control } = row;
  const common = {
    id: fieldId(key),
    disabled,
    onBlur: () => state.touch(key),
    'aria-invalid': invalid || undefined,
    'aria-describedby': invalid ? errorId(key) : undefined,
  };

  if (isSecretKey(key)) {
    return (
      <SecretField
        {...common}
        label={row.label}
        invalid={invalid}
        describedBy={common['aria-describedby']}
        storedIsSet={state.secretsSet[key]}
        draft={state.secretDrafts[key]}
        onDraft={(draft) => state.setSecretDraft(key, draft)}
      />
    );
  }

  const formKey = key as keyof SystemSettingsForm;
  const value = state.form[formKey];
  const set = (next: SystemSettingsForm[typeof formKey]) => state.setField(formKey, next);

  switch (control.kind) {
    case 'yes-no':
      return <YesNo {...common} className="control yes-no" value={value === true} onChange={set} />;
    case 'select':
      return (
        <select
          {...common}
          className="control select"
          value={String(value)}
          onChange={(e) => set(e.target.value as SystemSettingsForm[typeof formKey])}
        >
          {control.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
    case 'spinner':
    case 'number':
      return (
        <>
          <input
            {...common}
            className={`control ${control.kind}`}
            type="number"
            inputMode="numeric"
            step={1}
            min={control.min}
            max={control.max}
            value={String(value)}
            onChange={(e) => set(e.target.value)}
          />
          {control.kind === 'spinner' && control.unit && (
            <span className="unit">{control.unit}</span>
          )}
        </>
      );
    case 'time':
      return (
        <input
          {...common}
          className="control time"
          type="text"
          inputMode="numeric"
          placeholder="HH:MM"
          maxLength={5}
          value={String(value)}
          onChange={(e) => set(e.target.value)}
        />
      );
    case 'text':
      return (
        <input
          {...common}
          className="control text"
          type="text"
          inputMode={control.inputMode}
          placeholder={control.placeholder}
          spellCheck={false}
          autoComplete="off"
          value={String(value)}
          onChange={(e) => set(e.target.value)}
        />
      );
    case 'secret':
      // Secret rows are keyed by a secret key and handled above.
      return null;
  }
}
