import { useStore } from 'zustand';
import { environmentStore } from '../stores/instances';

/** Says on every screen where test messages go: the demo tenant or a real Microsoft 365. */
export function EnvironmentBadge() {
  const view = useStore(environmentStore, (s) => s.view);
  if (!view) return null;
  return (
    <div
      className={`environment-badge ${view.environment}`}
      role="note"
      aria-label="Current environment"
    >
      {view.badge}
    </div>
  );
}
