import { useEffect, useRef, type RefObject } from 'react';

/**
 * Where focus goes as a test starts and ends: Test is disabled while it runs, and a disabled
 * button drops focus to the page, so a run started with Enter moves focus to Cancel (Enter again
 * cancels), and the end of the run brings it back to Test unless the user moved it elsewhere.
 */
export function useRunFocus(
  running: boolean,
  dialog: RefObject<HTMLElement | null>,
  test: RefObject<HTMLButtonElement | null>,
  cancel: RefObject<HTMLButtonElement | null>,
): void {
  const wasRunning = useRef(running);
  useEffect(() => {
    if (running === wasRunning.current) return;
    wasRunning.current = running;
    const active = document.activeElement;
    if (running) {
      if (active === test.current || !dialog.current?.contains(active)) cancel.current?.focus();
    } else if (active === cancel.current || !dialog.current?.contains(active)) {
      test.current?.focus();
    }
  }, [running, dialog, test, cancel]);
}
