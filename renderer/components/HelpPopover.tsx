import { useEffect, useId, useRef, useState } from 'react';

interface HelpPopoverProps {
  label: string;
  help: string;
}

/** The `>>` button of a row and the short help it opens. Escape or leaving it closes it. */
export function HelpPopover({ label, help }: HelpPopoverProps) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const popoverRef = useRef<HTMLDivElement>(null);
  const id = useId();

  useEffect(() => {
    if (open) popoverRef.current?.focus();
  }, [open]);

  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  };

  return (
    <span
      className="help"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          close(true);
        }
      }}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="help-button"
        aria-label={`About ${label}`}
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => (open ? close(true) : setOpen(true))}
      >
        &gt;&gt;
      </button>
      {open && (
        <div
          ref={popoverRef}
          id={id}
          role="dialog"
          aria-labelledby={`${id}-title`}
          className="help-popover"
          tabIndex={-1}
        >
          <strong id={`${id}-title`}>{label}</strong>
          <p>{help}</p>
        </div>
      )}
    </span>
  );
}
