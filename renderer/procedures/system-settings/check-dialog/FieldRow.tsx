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

/** The id of a dialog field's error, which the field names in aria-describedby. */
export const fieldErrorId = (id: string, field: string) => `${id}-${field}-error`;

/** What main reported against a dialog field, under it; nothing when it has no error. */
export function FieldError(props: {
  id: string;
  field: string;
  errors: Partial<Record<string, string>>;
}) {
  const error = props.errors[props.field];
  return (
    error && (
      <span id={fieldErrorId(props.id, props.field)} className="row-error">
        {error}
      </span>
    )
  );
}
