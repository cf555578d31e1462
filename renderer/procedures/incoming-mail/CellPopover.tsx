import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

interface CellPopoverProps {
  /** The button's accessible name: the column label. */
  label: string;
  /** The button's id, so the errors panel and keyboard navigation can focus it. */
  id: string;
  /** What the button shows: the cell's current value in short. */
  summary: string;
  title: string;
  invalid: boolean;
  describedBy?: string;
  children: ReactNode;
}

/**
 * A grid cell whose value is picked in a small popover (Type, Available). Escape closes it and
 * returns focus to the cell; leaving it closes it too.
 */
export function CellPopover(props: CellPopoverProps) {
  const { label, id, summary, title, invalid, describedBy, children } = props;
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (open) panelRef.current?.querySelector<HTMLElement>('input, textarea')?.focus();
  }, [open]);

  return (
    <span
      className="cell-popover-anchor"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        id={id}
        type="button"
        className="cell-button"
        aria-label={label}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        title={title}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="cell-button-text">{summary}</span>
        <span aria-hidden="true">&gt;&gt;</span>
      </button>
      {open && (
        <div ref={panelRef} id={panelId} role="dialog" aria-label={label} className="cell-popover">
          {children}
        </div>
      )}
    </span>
  );
}
