import { incomingServerRows, type IncomingServerRow } from '../../../shared/settings/incoming-rows';
import {
  isIncomingRowInUse,
  type IncomingSettingsForm,
} from '../../../shared/settings/incoming-settings';
import type { FieldError } from '../../../shared/settings/field-error';
import { HelpPopover } from '../../components/HelpPopover';
import type { IncomingSettingsState } from '../../stores/incoming/state';
import { RowSecret, RowSelect, RowText, rowControlProps } from '../row-controls';
import { errorId, fieldId } from '../../components/field-ids';

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
  const common = rowControlProps(key, disabled, invalid, state.touch);
  if (key === 'clientSecret')
    return (
      <RowSecret
        common={common}
        label={row.label}
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
      return <RowSelect common={common} options={control.options} value={value} onChange={set} />;
    case 'decimal':
    case 'number':
      return (
        <>
          <input
            {...common}
            className="control number"
            type="text"
            inputMode={control.kind === 'decimal' ? 'decimal' : 'numeric'}
            value={value}
            onChange={(e) => set(e.target.value)}
          />
          {control.kind === 'decimal' && <span className="unit">{control.unit}</span>}
        </>
      );
    default:
      return (
        <RowText
          common={common}
          placeholder={control.kind === 'text' ? control.placeholder : undefined}
          value={value}
          onChange={set}
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
          const disabled = !isIncomingRowInUse(row.key, state.form);
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
