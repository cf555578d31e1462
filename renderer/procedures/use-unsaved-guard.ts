import { useEffect } from 'react';
import { useNavigation } from '../stores/navigation';

/**
 * Registers the open procedure's unsaved state with the shell (which asks before switching
 * procedure) and with the browser (which asks before closing or reloading the page).
 */
export function useUnsavedGuard(
  dirty: boolean,
  discard: () => void,
  save: () => Promise<boolean>,
): void {
  const setGuard = useNavigation((s) => s.setGuard);

  useEffect(() => {
    setGuard({ dirty, discard, save });
  }, [dirty, discard, save, setGuard]);

  useEffect(() => () => setGuard(undefined), [setGuard]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}
