import type { RowControl as Control, SettingRow } from '../../../shared/settings/system-rows';
import {
  systemSecretKeys,
  type SystemSecretKey,
  type SystemSettingsForm,
} from '../../../shared/settings/system-settings';
import { YesNo } from '../../components/YesNo';
import type { SystemSettingsState } from '../../stores/system-settings';
import {
  RowSecret,
  RowSelect,
  RowText,
  rowControlProps,
  type RowControlProps as CommonProps,
} from '../row-controls';
import { SecretExpiry } from '../../components/SecretExpiry';

interface RowControlProps {
  row: SettingRow;
  state: SystemSettingsState;
  disabled: boolean;
  invalid: boolean;
}

const isSecretKey = (key: string): key is SystemSecretKey =>
  (systemSecretKeys as readonly string[]).includes(key);

/** A secret row's field; Client secret has its expiry date beside it. */
function SecretControl(props: RowControlProps & { secretKey: SystemSecretKey }) {
  const { row, state, disabled, invalid, secretKey: key } = props;
  return (
    <>
      <RowSecret
        common={rowControlProps(key, disabled, invalid, state.touch)}
        label={row.label}
        storedIsSet={state.secretsSet[key]}
        draft={state.secretDrafts[key]}
        onDraft={(draft) => state.setSecretDraft(key, draft)}
      />
      {key === 'clientSecret' && <SecretExpiry state={state} disabled={disabled} />}
    </>
  );
}

interface NumberControlProps {
  common: CommonProps;
  control: Extract<Control, { kind: 'spinner' | 'number' }>;
  value: string;
  onChange(value: string): void;
}

/** A whole number typed or stepped; a spinner shows its unit after it. */
function NumberControl({ common, control, value, onChange }: NumberControlProps) {
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
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      {control.kind === 'spinner' && control.unit && <span className="unit">{control.unit}</span>}
    </>
  );
}

/** The control a row's kind calls for, bound to the form in the store. */
export function RowControl(props: RowControlProps) {
  const { row, state, disabled, invalid } = props;
  const { key, control } = row;
  if (isSecretKey(key)) return <SecretControl {...props} secretKey={key} />;

  const common = rowControlProps(key, disabled, invalid, state.touch);
  const formKey = key as keyof SystemSettingsForm;
  const value = state.form[formKey];
  const set = (next: SystemSettingsForm[typeof formKey]) => state.setField(formKey, next);

  switch (control.kind) {
    case 'yes-no':
      return <YesNo {...common} className="control yes-no" value={value === true} onChange={set} />;
    case 'select':
      return (
        <RowSelect
          common={common}
          options={control.options}
          value={String(value)}
          onChange={(next) => set(next as SystemSettingsForm[typeof formKey])}
        />
      );
    case 'spinner':
    case 'number':
      return (
        <NumberControl common={common} control={control} value={String(value)} onChange={set} />
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
        <RowText
          common={common}
          inputMode={control.inputMode}
          placeholder={control.placeholder}
          value={String(value)}
          onChange={set}
        />
      );
    case 'secret':
      // Secret rows are keyed by a secret key and handled above.
      return null;
  }
}
