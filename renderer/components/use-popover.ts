import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';

/**
 * A button that opens a small panel beside it: opening focuses the panel (or the first element
 * matching `focusSelector` in it), Escape closes it and returns focus to the button, and focus
 * leaving the anchor closes it. Spread `anchorProps` on the element holding button and panel.
 */
export function usePopover(focusSelector?: string) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const panelId = useId();

  useEffect(() => {
    const panel = panelRef.current;
    if (!open || !panel) return;
    (focusSelector ? panel.querySelector<HTMLElement>(focusSelector) : panel)?.focus();
  }, [open, focusSelector]);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  return {
    open,
    buttonRef,
    panelRef,
    panelId,
    toggle: () => (open ? close() : setOpen(true)),
    anchorProps: {
      onKeyDown: (event: KeyboardEvent) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          close();
        }
      },
      onBlur: (event: FocusEvent) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setOpen(false);
      },
    },
  };
}
