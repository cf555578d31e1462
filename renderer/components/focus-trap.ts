import { useEffect, type RefObject } from 'react';

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/** The elements Tab visits inside `container`, in order; hidden ones are left out. */
export function tabbables(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => el.getClientRects().length > 0 && !el.closest('[inert]'),
  );
}

/**
 * Where Tab (or Shift+Tab) from `active` goes so that it stays in `container`: the other end
 * from the last (first) element, the first (last) from outside; undefined lets the browser move.
 */
export function wrapTarget(
  container: HTMLElement,
  active: Element | null,
  backwards: boolean,
): HTMLElement | undefined {
  const all = tabbables(container);
  const first = all[0];
  const last = all[all.length - 1];
  if (!first || !last) return undefined;
  if (!active || !container.contains(active)) return backwards ? last : first;
  if (backwards && active === first) return last;
  if (!backwards && active === last) return first;
  return undefined;
}

/**
 * Keeps Tab inside a modal while `active`. A native modal <dialog> makes the page inert but still
 * lets Tab leave for the browser's own UI after the last element (and Electron has none to come
 * back from), so Tab and Shift+Tab wrap around here instead. The listener is on the document so
 * that it also catches Tab while focus sits on the body (after the focused button got disabled).
 */
export function useFocusTrap(ref: RefObject<HTMLElement | null>, active = true): void {
  useEffect(() => {
    const container = ref.current;
    if (!container || !active) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = wrapTarget(container, document.activeElement, event.shiftKey);
      if (!target) return;
      event.preventDefault();
      target.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [ref, active]);
}
