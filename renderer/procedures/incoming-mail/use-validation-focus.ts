import { useEffect, useRef, type RefObject } from 'react';

/** The toolbar buttons focus moves between, by their `data-focus-key`. */
export type ValidationFocusKey = 'validate-all' | 'validate-selected' | 'cancel';

/**
 * While a validation runs, the Validate buttons give way to Cancel, and a button that goes drops
 * focus to the page. So focus follows: to Cancel as the run starts, back to the button that
 * started it as the run ends, unless the person has put it somewhere else meanwhile. Answers the
 * function each Validate button calls as it starts a run.
 */
export function useValidationFocus(
  running: boolean,
  toolbar: RefObject<HTMLElement | null>,
): (starter: ValidationFocusKey) => void {
  const starter = useRef<ValidationFocusKey>('validate-all');
  const wasRunning = useRef(running);
  useEffect(() => {
    if (running === wasRunning.current) return;
    wasRunning.current = running;
    const active = document.activeElement;
    if (active && active !== document.body) return;
    const target: ValidationFocusKey = running ? 'cancel' : starter.current;
    toolbar.current?.querySelector<HTMLElement>(`[data-focus-key="${target}"]`)?.focus();
  }, [running, toolbar]);
  return (key) => {
    starter.current = key;
  };
}
