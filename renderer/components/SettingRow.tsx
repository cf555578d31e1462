import type { ReactNode } from 'react';
import { HelpPopover } from './HelpPopover';

interface SettingRowProps {
  /** The row number as the guide shows it; the app's own screens have none. */
  n?: number;
  label: string;
  /** The id of the control, so the label names it. */
  htmlFor: string;
  help: string;
  disabled: boolean;
  error?: string;
  errorId: string;
  /** Something beside the control, such as the test icon of Server address. */
  aside?: ReactNode;
  children: ReactNode;
}

/** One row as the ERP lays it out: number (if any), label, control, `>>`, then its error. */
export function SettingRow(props: SettingRowProps) {
  const { n, label, htmlFor, help, disabled, error, errorId, aside, children } = props;
  return (
    <div className={`setting-row${disabled ? ' disabled' : ''}${error ? ' invalid' : ''}`}>
      <span className="row-number" aria-hidden="true">
        {n !== undefined && `${n}.`}
      </span>
      <label htmlFor={htmlFor} className="row-label">
        {label}
      </label>
      <span className="row-control">
        {children}
        {aside}
      </span>
      <HelpPopover label={label} help={help} />
      {error && (
        <span id={errorId} className="row-error">
          {error}
        </span>
      )}
    </div>
  );
}
