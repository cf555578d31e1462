import type { ReactNode } from 'react';
import { usePopover } from '../../components/use-popover';

/** What a grid cell with a picker gets from its row: where it is, its value and its error. */
export interface CellPickerProps<T> {
  id: string;
  value: T;
  invalid: boolean;
  describedBy?: string;
  onChange(value: T): void;
}

interface CellPopoverProps {
  /** The column label: the popover's name, and the start of the button's. */
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
  const { open, buttonRef, panelRef, panelId, toggle, anchorProps } = usePopover('input, textarea');

  return (
    <span className="cell-popover-anchor" {...anchorProps}>
      <button
        ref={buttonRef}
        id={id}
        type="button"
        className="cell-button"
        // The name starts with the column and holds what the button shows (WCAG 2.5.3).
        aria-label={summary ? `${label}: ${summary}` : label}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        title={title}
        onClick={toggle}
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
