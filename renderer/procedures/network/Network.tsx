import { useMemo } from 'react';
import { useStore } from 'zustand';
import { networkRows } from '../../../shared/settings/network-rows';
import { fieldId } from '../../components/field-ids';
import { networkSettingsStore } from '../../stores/instances';
import { allErrors, isDirty, visibleErrors } from '../../stores/network-settings';
import { ProcedureFrame } from '../ProcedureFrame';
import { Connections } from './Connections';
import { NetworkFields } from './NetworkFields';
import './network.css';

const shortNames = new Map(networkRows.map((row) => [row.key as string, row.short]));

/** Read-only: where the saved setting comes from, and the trust store every connection uses. */
function InForce({ source, trustStore }: { source: string; trustStore: string }) {
  return (
    <section className="row-group" aria-labelledby="network-in-force-heading">
      <h2 id="network-in-force-heading" className="group-heading">
        In force
      </h2>
      <dl className="network-in-force">
        <dt>Where the current setting comes from</dt>
        <dd>{source}</dd>
        <dt>Trust store</dt>
        <dd>{trustStore}</dd>
      </dl>
    </section>
  );
}

/** The Network procedure (SCREENS.md §7): the app's proxy, what is in force, Check connections. */
export function Network() {
  const state = useStore(networkSettingsStore);
  const errors = useMemo(() => visibleErrors(state), [state]);
  const panelErrors = useMemo(
    () => allErrors(state).map((e) => ({ ...e, short: shortNames.get(e.field) ?? e.field })),
    [state],
  );
  const dirty = useMemo(() => isDirty(state), [state]);

  return (
    <ProcedureFrame
      title="Network"
      className="network"
      store={networkSettingsStore}
      dirty={dirty}
      errors={panelErrors}
      onSelectError={(field) => document.getElementById(fieldId(field))?.focus()}
    >
      {state.phase === 'ready' ? (
        <div className="row-groups network-body">
          <NetworkFields state={state} errors={errors} />
          <InForce source={state.source} trustStore={state.trustStore} />
          <Connections />
        </div>
      ) : (
        <p className="placeholder">Loading settings…</p>
      )}
    </ProcedureFrame>
  );
}
