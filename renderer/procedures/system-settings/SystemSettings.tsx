import { useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { systemShortNames, systemSettingsTabs } from '../../../shared/settings/system-rows';
import { Tabs } from '../../components/Tabs';
import { systemSettingsStore } from '../../stores/instances';
import { allErrors, isDirty, visibleErrors } from '../../stores/system-settings';
import { ProcedureFrame } from '../ProcedureFrame';
import { fieldId } from '../../components/field-ids';
import { SystemOverall } from './SystemOverall';

type Tab = (typeof systemSettingsTabs)[number];

/** The System settings procedure: the eight tabs in the procedure frame. */
export function SystemSettings() {
  const state = useStore(systemSettingsStore);
  const [tab, setTab] = useState<Tab>('System overall');
  const errors = useMemo(() => visibleErrors(state), [state]);
  // The panel lists every error from the start; inline ones wait until a field is left.
  const panelErrors = useMemo(
    () => allErrors(state).map((e) => ({ ...e, short: systemShortNames.get(e.field) ?? e.field })),
    [state],
  );
  const dirty = useMemo(() => isDirty(state), [state]);

  const focusField = (field: string) => {
    setTab('System overall');
    requestAnimationFrame(() => document.getElementById(fieldId(field))?.focus());
  };

  return (
    <ProcedureFrame
      title="System settings"
      store={systemSettingsStore}
      dirty={dirty}
      errors={panelErrors}
      onSelectError={focusField}
    >
      <Tabs<Tab> label="System settings" tabs={systemSettingsTabs} selected={tab} onSelect={setTab}>
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
    </ProcedureFrame>
  );
}
