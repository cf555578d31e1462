import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import {
  environmentLabels,
  environments,
  type Environment,
  type EnvironmentView,
} from '../../shared/contract/environment';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { environmentStore } from '../stores/instances';
import {
  demoDialogFields,
  demoValuesPlaces,
  showDemoValuesCleared,
  unsavedProcedures,
} from './demo-values';

/** What the confirmation was opened with: the demo's names, and what it must not overwrite. */
interface Asked {
  demo: EnvironmentView['demo'];
  dialogFields: string[];
  unsaved: string[];
}

const REAL_MAIL =
  'Tests will sign in to your real tenant and send real e-mail from the Sender to the Recipient.';

/** The confirmation's text about the demo's values: where they are, and what clearing does. */
function demoValuesMessage(places: string[], unsaved: string[]): string {
  if (places.length === 0) return '';
  const where = ` The demo tenant’s values are still saved in ${places.join('; ')}.`;
  if (unsaved.length > 0)
    return `${where} To clear them here, first save or revert the unsaved changes in ${unsaved.join(' and ')}.`;
  return `${where} Clearing empties those fields, removes the demo accounts and deletes the demo’s passwords and secrets from the keychain, then saves; values that are not the demo tenant’s stay as they are.`;
}

/** Real mail is confirmed first, offering to clear every demo value still saved (SCREENS.md §1). */
function ConfirmMicrosoft365({ asked, onClose }: { asked?: Asked; onClose(): void }) {
  const { demoValues, demoValuesError } = useStore(environmentStore);
  const places = asked && demoValues ? demoValuesPlaces(demoValues, asked.dialogFields) : [];
  const canClear = places.length > 0 && asked?.unsaved.length === 0;
  const finding = asked && !demoValues && !demoValuesError;
  const message =
    REAL_MAIL +
    (finding ? ' Looking for the demo tenant’s values still saved…' : '') +
    (demoValuesError
      ? ` The demo tenant’s values could not be looked for: ${demoValuesError}`
      : '') +
    demoValuesMessage(places, asked?.unsaved ?? []);
  const clear = async () => {
    onClose();
    if (await environmentStore.getState().clearDemoValues()) showDemoValuesCleared(asked?.demo);
  };
  return (
    <ConfirmDialog
      open={asked !== undefined}
      title="Use Microsoft 365?"
      message={message}
      alternative={
        canClear
          ? { label: 'Use Microsoft 365 and clear demo values', onChoose: () => void clear() }
          : undefined
      }
      confirmLabel="Use Microsoft 365"
      cancelLabel="Stay on Demo tenant"
      onConfirm={() => {
        onClose();
        void environmentStore.getState().switchTo('microsoft365');
      }}
      onCancel={onClose}
    />
  );
}

/** Says what the clearing cleared, where, until dismissed. */
function ClearedNote({ dialogFields }: { dialogFields: string[] }) {
  const { cleared, dismissCleared } = useStore(environmentStore);
  if (!cleared) return null;
  const places = demoValuesPlaces(cleared, dialogFields);
  return (
    <p className="environment-cleared" role="status">
      {places.length > 0
        ? `Demo values cleared and saved: ${places.join('; ')}. Everything else stays as it was.`
        : 'No demo values were left to clear.'}{' '}
      <button type="button" className="button small" onClick={dismissCleared}>
        Dismiss
      </button>
    </p>
  );
}

/** Switches between the demo tenant and Microsoft 365; real mail is confirmed first. */
export function EnvironmentSwitch() {
  const { view, switching, error, load, switchTo, dismissError } = useStore(environmentStore);
  const [asked, setAsked] = useState<Asked>();
  const [clearedDialogFields, setClearedDialogFields] = useState<string[]>([]);

  useEffect(() => {
    if (!environmentStore.getState().view) void load();
  }, [load]);

  const choose = (next: Environment) => {
    if (next !== 'microsoft365') return void switchTo(next);
    const dialogFields = demoDialogFields(view?.demo);
    setClearedDialogFields(dialogFields);
    setAsked({ demo: view?.demo, dialogFields, unsaved: unsavedProcedures() });
    void environmentStore.getState().findDemoValues();
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
      <ClearedNote dialogFields={clearedDialogFields} />
      <ConfirmMicrosoft365 asked={asked} onClose={() => setAsked(undefined)} />
    </div>
  );
}
