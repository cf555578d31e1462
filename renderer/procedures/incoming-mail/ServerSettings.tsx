import { incomingServerRows, type IncomingServerRow } from '../../../shared/settings/incoming-rows';
import {
  isIncomingFieldEnabled,
  type IncomingSettingsForm,
} from '../../../shared/settings/incoming-settings';
import type { FieldError } from '../../../shared/settings/field-error';
import { HelpPopover } from '../../components/HelpPopover';
import { SecretField } from '../../components/SecretField';
import type { IncomingSettingsState } from '../../stores/incoming-settings';
import { errorId, fieldId } from '../system-settings/field-ids';

interface ServerSettingsProps {
  state: IncomingSettingsState;
  errors: FieldError[];
}

type ServerKey = Exclude<keyof IncomingSettingsForm, 'accounts'>;

function ServerControl({
  row,
  state,
  disabled,
  invalid,
}: {
  row: IncomingServerRow;
  state: IncomingSettingsState;
  disabled: boolean;
  invalid: boolean;
}) {
  const { key, control } = row;
  const common = {
    id: fieldId(key),
    disabled,
    onBlur: () => state.touch(key),
    'aria-invalid': invalid || undefined,
    'aria-describedby': invalid ? errorId(key) : undefined,
  };
  if (key === 'clientSecret')
    return (
      <SecretField
        {...common}
        label={row.label}
        invalid={invalid}
        describedBy={common['aria-describedby']}
        storedIsSet={state.secretsSet.clientSecret}
        draft={state.clientSecretDraft}
        onDraft={state.setClientSecretDraft}
      />
    );
  const formKey = key as ServerKey;
  const value = String(state.form[formKey]);
  const set = (next: string) => state.setField(formKey, next as never);
  switch (control.kind) {
    case 'select':
      return (
        <select
          {...common}
          className="control select"
          value={value}
          onChange={(e) => set(e.target.value)}
        >
          {control.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
    case 'decimal':
      return (
        <>
          <input
            {...common}
            className="control number"
            type="text"
            inputMode="decimal"
            value={value}
            onChange={(e) => set(e.target.value)}
          />
          <span className="unit">{control.unit}</span>
        </>
      );
    case 'number':
      return (
        <input
          {...common}
          className="control number"
          type="text"
          inputMode="numeric"
          value={value}
          onChange={(e) => set(e.target.value)}
        />
      );
    default:
      return (
        <input
          {...common}
          className="control text"
          type="text"
          spellCheck={false}
          autoComplete="off"
          placeholder={control.kind === 'text' ? control.placeholder : undefined}
          value={value}
          onChange={(e) => set(e.target.value)}
        />
      );
  }
}

/** Server settings as the guide lays them out: labels above the fields, two lines. */
export function ServerSettings({ state, errors }: ServerSettingsProps) {
  return (
    <section className="server-settings" aria-labelledby="server-settings-heading">
      <h2 id="server-settings-heading" className="group-heading">
        Server settings
      </h2>
      <div className="server-fields">
        {incomingServerRows.map((row) => {
          const disabled = !isIncomingFieldEnabled(row.key, state.form.service);
          const error = errors.find((e) => e.field === row.key)?.message;
          return (
            <div
              key={row.key}
              className={`server-field field-${row.key}${disabled ? ' disabled' : ''}`}
            >
              <span className="server-label">
                <label htmlFor={fieldId(row.key)}>{row.label}</label>
                <HelpPopover label={row.label} help={row.help} />
              </span>
              <span className="row-control">
                <ServerControl row={row} state={state} disabled={disabled} invalid={!!error} />
              </span>
              {error && (
                <span id={errorId(row.key)} className="row-error">
                  {error}
                </span>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}
