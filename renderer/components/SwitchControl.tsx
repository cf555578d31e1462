import type { SwitchSpec } from '../../shared/demo/switches';

/** A tri-state PowerShell value (True, False, $null) as a select's value and back. */
const triStateValue = (value: boolean | null): string => (value === null ? 'unset' : String(value));
const fromTriState = (value: string): boolean | null =>
  value === 'unset' ? null : value === 'true';

interface SwitchControlProps {
  spec: SwitchSpec;
  value: boolean | null;
  disabled: boolean;
  onChange(value: boolean | null): void;
  /** The accessible name when the control sits in a table cell without its label. */
  ariaLabel?: string;
  /** What "not set" means for this switch, e.g. that the organisation decides. */
  unsetLabel?: string;
}

/**
 * One on/off switch of the tenant: a tick box, or for a PowerShell setting that can also be
 * unset ($null) a select of True, False and Not set.
 */
export function SwitchControl({
  spec,
  value,
  disabled,
  onChange,
  ariaLabel,
  unsetLabel,
}: SwitchControlProps) {
  if (!spec.triState)
    return (
      <label className="demo-check">
        <input
          type="checkbox"
          aria-label={ariaLabel}
          checked={value === true}
          disabled={disabled}
          onChange={(e) => onChange(e.target.checked)}
        />
        {!ariaLabel && spec.label}
      </label>
    );
  const select = (
    <select
      className="control select"
      aria-label={ariaLabel}
      value={triStateValue(value)}
      disabled={disabled}
      onChange={(e) => onChange(fromTriState(e.target.value))}
    >
      <option value="true">True</option>
      <option value="false">False</option>
      <option value="unset">{unsetLabel ?? 'Not set'}</option>
    </select>
  );
  return ariaLabel ? (
    select
  ) : (
    <label className="demo-inline">
      {spec.label}
      {select}
    </label>
  );
}
