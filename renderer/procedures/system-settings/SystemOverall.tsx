import type { FieldError } from '../../../shared/settings/field-error';
import { systemOverallGroups } from '../../../shared/settings/system-rows';
import { isSystemRowInUse } from '../../../shared/settings/system-settings';
import { SettingRow } from '../../components/SettingRow';
import type { SystemSettingsState } from '../../stores/system-settings';
import { CheckMailButton } from './CheckMailButton';
import { errorId, fieldId } from '../../components/field-ids';
import { RowControl } from './RowControl';

interface SystemOverallProps {
  state: SystemSettingsState;
  errors: FieldError[];
}

/** The System overall tab: rows 1–24 under the guide's four headings. */
export function SystemOverall({ state, errors }: SystemOverallProps) {
  return (
    <div className="row-groups">
      {systemOverallGroups.map((group) => (
        <section
          key={group.heading}
          className="row-group"
          aria-labelledby={`heading-${group.rows[0]?.n}`}
        >
          <h2 id={`heading-${group.rows[0]?.n}`} className="group-heading">
            {group.heading}
          </h2>
          {group.rows.map((row) => {
            const disabled = !isSystemRowInUse(row.key, state.form);
            const error = errors.find((e) => e.field === row.key)?.message;
            return (
              <SettingRow
                key={row.key}
                n={row.n}
                label={row.label}
                htmlFor={fieldId(row.key)}
                help={row.help}
                disabled={disabled}
                error={error}
                errorId={errorId(row.key)}
                aside={row.key === 'serverAddress' ? <CheckMailButton /> : undefined}
              >
                <RowControl
                  row={row}
                  state={state}
                  disabled={disabled}
                  invalid={error !== undefined}
                />
              </SettingRow>
            );
          })}
        </section>
      ))}
    </div>
  );
}
