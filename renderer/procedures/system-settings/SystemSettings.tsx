import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { systemOverallRows, systemSettingsTabs } from '../../../shared/settings/system-rows';
import { Banner } from '../../components/Banner';
import { ErrorsPanel } from '../../components/ErrorsPanel';
import { Tabs } from '../../components/Tabs';
import { Toolbar } from '../../components/Toolbar';
import { systemSettingsStore } from '../../stores/instances';
import { isDirty, visibleErrors } from '../../stores/system-settings';
import { useUnsavedGuard } from '../use-unsaved-guard';
import { fieldId } from './field-ids';
import { SystemOverall } from './SystemOverall';

type Tab = (typeof systemSettingsTabs)[number];

const shortNames = new Map<string, string>(systemOverallRows.map((r) => [r.key, r.short]));

/** The System settings procedure: toolbar, messages, the eight tabs and the errors panel. */
export function SystemSettings() {
  const state = useStore(systemSettingsStore);
  const [tab, setTab] = useState<Tab>('System overall');
  const errors = useMemo(() => visibleErrors(state), [state]);
  const dirty = useMemo(() => isDirty(state), [state]);
  const { load, save, revert } = state;

  useEffect(() => {
    if (systemSettingsStore.getState().phase === 'idle') void load();
  }, [load]);

  useUnsavedGuard(dirty, revert);

  const focusField = (field: string) => {
    setTab('System overall');
    requestAnimationFrame(() => document.getElementById(fieldId(field))?.focus());
  };

  return (
    <div className="procedure">
      <header className="procedure-header">
        <h1>System settings</h1>
        <Toolbar
          dirty={dirty}
          saving={state.saving}
          savedCount={state.savedCount}
          onSave={save}
          onRevert={revert}
        />
      </header>
      <div className="banners">
        {state.saveError && (
          <Banner kind="alert" message={state.saveError} onDismiss={state.dismissSaveError} />
        )}
        {state.notices.map((notice, index) => (
          <Banner
            key={notice}
            kind="notice"
            message={notice}
            onDismiss={() => state.dismissNotice(index)}
          />
        ))}
      </div>
      {state.phase === 'load-failed' ? (
        <div className="load-failed" role="alert">
          <p>The settings could not be loaded: {state.loadError}</p>
          <button type="button" className="button" onClick={() => void load()}>
            Try again
          </button>
        </div>
      ) : (
        <Tabs<Tab>
          label="System settings"
          tabs={systemSettingsTabs}
          selected={tab}
          onSelect={setTab}
        >
          {tab === 'System overall' ? (
            state.phase === 'ready' ? (
              <SystemOverall state={state} errors={errors} />
            ) : (
              <p className="placeholder">Loading settings…</p>
            )
          ) : (
            <p className="placeholder">
              The {tab} settings are outside this tool; change them in the ERP itself.
            </p>
          )}
        </Tabs>
      )}
      <ErrorsPanel
        errors={errors.map((e) => ({ ...e, short: shortNames.get(e.field) ?? e.field }))}
        open={state.panelOpen}
        onOpenChange={state.setPanelOpen}
        onSelect={focusField}
      />
    </div>
  );
}
