import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import {
  environmentLabels,
  environments,
  type Environment,
} from '../../shared/contract/environment';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { environmentStore, systemSettingsStore } from '../stores/instances';
import { clearDemoRows, demoRowLabels, demoRowsIn, type DemoRow } from './demo-values';

interface ConfirmProps {
  open: boolean;
  /** The demo's values still in System settings when the switch was asked for (SCREENS.md §1). */
  demoRows: DemoRow[];
  onClose(): void;
}

/** Real mail is confirmed first, offering to clear the demo's values still in System settings. */
function ConfirmMicrosoft365({ open, demoRows, onClose }: ConfirmProps) {
  const switchToMicrosoft365 = () => {
    onClose();
    void environmentStore.getState().switchTo('microsoft365');
  };
  return (
    <ConfirmDialog
      open={open}
      title="Use Microsoft 365?"
      message={
        'Tests will sign in to your real tenant and send real e-mail from the Sender to the Recipient.' +
        (demoRows.length > 0
          ? ` System settings still hold the demo tenant’s ${demoRowLabels(demoRows)}: clear them to enter your own (then save).`
          : '')
      }
      alternative={
        demoRows.length > 0
          ? {
              label: 'Use Microsoft 365 and clear demo values',
              onChoose: () => {
                onClose();
                clearDemoRows(systemSettingsStore.getState(), demoRows);
                void environmentStore.getState().switchTo('microsoft365');
              },
            }
          : undefined
      }
      confirmLabel="Use Microsoft 365"
      cancelLabel="Stay on Demo tenant"
      onConfirm={switchToMicrosoft365}
      onCancel={onClose}
    />
  );
}

/** Switches between the demo tenant and Microsoft 365; real mail is confirmed first. */
export function EnvironmentSwitch() {
  const { view, switching, error, load, switchTo, dismissError } = useStore(environmentStore);
  const [confirming, setConfirming] = useState(false);
  const [demoRows, setDemoRows] = useState<DemoRow[]>([]);

  useEffect(() => {
    if (!environmentStore.getState().view) void load();
  }, [load]);

  const choose = (next: Environment) => {
    if (next !== 'microsoft365') return void switchTo(next);
    setDemoRows(demoRowsIn(systemSettingsStore.getState(), view?.demo));
    setConfirming(true);
  };

  return (
    <div className="environment-switch">
      <label htmlFor="environment-select">Environment</label>
      <select
        id="environment-select"
        className="control select"
        value={view?.environment ?? 'demo'}
        disabled={!view || switching}
        onChange={(e) => choose(e.target.value as Environment)}
      >
        {environments.map((e) => (
          <option key={e} value={e}>
            {environmentLabels[e]}
          </option>
        ))}
      </select>
      {error && (
        <p className="environment-error" role="alert">
          {error}{' '}
          <button type="button" className="button small" onClick={dismissError}>
            Dismiss
          </button>
        </p>
      )}
      <ConfirmMicrosoft365
        open={confirming}
        demoRows={demoRows}
        onClose={() => setConfirming(false)}
      />
    </div>
  );
}
