import type { FieldError } from '../../../shared/settings/field-error';
import { NETWORK_SECRET_KEY, type NetworkSettings } from '../../../shared/settings/network';
import {
  isNetworkFieldEnabled,
  networkRows,
  type NetworkRow,
} from '../../../shared/settings/network-rows';
import { SettingRow } from '../../components/SettingRow';
import { errorId, fieldId } from '../../components/field-ids';
import type { NetworkSettingsState } from '../../stores/network-settings';
import { RowSecret, RowSelect, RowText, rowControlProps } from '../row-controls';

interface ControlProps {
  row: NetworkRow;
  state: NetworkSettingsState;
  disabled: boolean;
  invalid: boolean;
}

/** The control a row's kind calls for, bound to the form in the store. */
function NetworkControl({ row, state, disabled, invalid }: ControlProps) {
  const common = rowControlProps(row.key, disabled, invalid, state.touch);
  if (row.key === NETWORK_SECRET_KEY)
    return (
      <RowSecret
        common={common}
        label={row.label}
        storedIsSet={state.passwordSet}
        draft={state.passwordDraft}
        onDraft={state.setPasswordDraft}
      />
    );
  const key: keyof NetworkSettings = row.key;
  const value = state.form[key];
  const set = (next: string) => state.setField(key, next as NetworkSettings[typeof key]);
  return row.control.kind === 'select' ? (
    <RowSelect common={common} options={row.control.options} value={value} onChange={set} />
  ) : (
    <RowText
      common={common}
      placeholder={row.control.kind === 'text' ? row.control.placeholder : undefined}
      inputMode={key === 'proxyAddress' ? 'url' : undefined}
      value={value}
      onChange={set}
    />
  );
}

interface NetworkFieldsProps {
  state: NetworkSettingsState;
  errors: FieldError[];
}

/** SCREENS.md §7's five rows; Proxy address and No proxy for are disabled unless Manual. */
export function NetworkFields({ state, errors }: NetworkFieldsProps) {
  return (
    <section className="row-group" aria-labelledby="network-proxy-heading">
      <h2 id="network-proxy-heading" className="group-heading">
        Proxy settings
      </h2>
      {networkRows.map((row) => {
        const disabled = !isNetworkFieldEnabled(row.key, state.form.proxy);
        const error = errors.find((e) => e.field === row.key)?.message;
        return (
          <SettingRow
            key={row.key}
            label={row.label}
            htmlFor={fieldId(row.key)}
            help={row.help}
            disabled={disabled}
            error={error}
            errorId={errorId(row.key)}
          >
            <NetworkControl row={row} state={state} disabled={disabled} invalid={!!error} />
          </SettingRow>
        );
      })}
    </section>
  );
}
