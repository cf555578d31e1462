import { usePopover } from './use-popover';

interface HelpPopoverProps {
  label: string;
  help: string;
}

/** The `>>` button of a row and the short help it opens. Escape or leaving it closes it. */
export function HelpPopover({ label, help }: HelpPopoverProps) {
  const { open, buttonRef, panelRef, panelId: id, toggle, anchorProps } = usePopover();

  return (
    <span className="help" {...anchorProps}>
      <button
        ref={buttonRef}
        type="button"
        className="help-button"
        aria-label={`About ${label}`}
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={toggle}
      >
        &gt;&gt;
      </button>
      {open && (
        <div
          ref={panelRef}
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
