import type { ReactNode } from 'react';

/** One label and its control in the dialog's two-column grid. */
export function FieldRow(props: { htmlFor: string; label: string; children: ReactNode }) {
  return (
    <>
      <label htmlFor={props.htmlFor}>{props.label}</label>
      <span className="check-field">{props.children}</span>
    </>
  );
}
