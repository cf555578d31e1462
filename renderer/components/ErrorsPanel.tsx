import { useId } from 'react';

export interface PanelError {
  field: string;
  short: string;
  message: string;
}

interface ErrorsPanelProps {
  errors: PanelError[];
  open: boolean;
  onOpenChange(open: boolean): void;
  onSelect(field: string): void;
}

/** The ERP's errors panel, docked bottom right: "N errors", opening into one line per error. */
export function ErrorsPanel({ errors, open, onOpenChange, onSelect }: ErrorsPanelProps) {
  const id = useId();
  if (errors.length === 0) return null;
  const title = errors.length === 1 ? '1 error' : `${errors.length} errors`;

  return (
    <section className="errors-panel" aria-label="Errors">
      <button
        type="button"
        className="errors-header"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => onOpenChange(!open)}
      >
        <span className="errors-icon" aria-hidden="true">
          !
        </span>
        {title}
        <span className="chevron" aria-hidden="true">
          {open ? '▾' : '▴'}
        </span>
      </button>
      {open && (
        <ul id={id} className="errors-list">
          {errors.map((error) => (
            <li key={`${error.field}:${error.message}`}>
              <button type="button" className="errors-line" onClick={() => onSelect(error.field)}>
                <span className="errors-short">{error.short}</span>
                <span className="errors-message">{error.message}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
