import type { DemoTenantView } from '../../../shared/contract/demo';
import {
  organizationSwitches,
  organizationSwitchNames,
  type OrganizationSwitch,
} from '../../../shared/demo/switches';
import { SwitchControl } from '../../components/SwitchControl';
import { choicesWith, useDemo } from './use-demo';

/** What Exchange Online reads an unset (PowerShell $null) setting as. */
const unsetLabels: Partial<Record<OrganizationSwitch, string>> = {
  ewsEnabled: 'Not set (off since 2026-10-01)',
};

/** Choices for the wait after a consent or permission change; the default is 30 s. */
const DELAYS_SECONDS = [0, 5, 10, 30, 60, 300];
const delayLabel = (s: number) => (s === 0 ? 'None' : s < 60 ? `${s} s` : `${s / 60} min`);

/** EwsAllowedAppIDs: which apps may use EWS, all of them while the list is empty. */
function EwsAllowList({ view }: { view: DemoTenantView }) {
  const { busy, change } = useDemo();
  return (
    <fieldset className="demo-allow-list">
      <legend>EwsAllowedAppIDs</legend>
      {view.apps.map((app) => (
        <label key={app.clientId} className="demo-check">
          <input
            type="checkbox"
            checked={app.ewsAllowListed}
            disabled={busy}
            onChange={(e) =>
              void change('demo.setSwitch', {
                target: 'app',
                id: app.clientId,
                name: 'ewsAllowListed',
                value: e.target.checked,
              })
            }
          />
          On the EWS allow list: {app.displayName}
        </label>
      ))}
      <p className="demo-note">
        {view.organization.ewsAllowedAppIds.length === 0
          ? 'The list is empty: every app may use EWS.'
          : 'Only the apps on the list may use EWS.'}
      </p>
    </fieldset>
  );
}

function PropagationDelay({ seconds }: { seconds: number }) {
  const { busy, change } = useDemo();
  return (
    <label className="demo-inline">
      Propagation delay after a permission or consent change
      <select
        className="control select"
        value={seconds}
        disabled={busy}
        onChange={(e) =>
          void change('demo.setPropagationDelay', { seconds: Number(e.target.value) })
        }
      >
        {choicesWith(DELAYS_SECONDS, seconds).map((s) => (
          <option key={s} value={s}>
            {delayLabel(s)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Exchange Online's organisation settings and the propagation delay after a change. */
export function Organisation({ view }: { view: DemoTenantView }) {
  const { busy, change } = useDemo();
  const { organization } = view;
  return (
    <section className="demo-section" aria-labelledby="demo-org-title">
      <h2 id="demo-org-title">Organisation</h2>
      <p className="demo-id">
        {organization.displayName}, tenant {organization.tenantId} ({organization.domain})
      </p>
      <div className="demo-fields">
        {organizationSwitchNames.map((name) => (
          <SwitchControl
            key={name}
            spec={organizationSwitches[name]}
            value={organization.switches[name]}
            disabled={busy}
            unsetLabel={unsetLabels[name]}
            onChange={(value) =>
              void change('demo.setSwitch', { target: 'organization', name, value })
            }
          />
        ))}
        <EwsAllowList view={view} />
        <PropagationDelay seconds={view.propagationDelaySeconds} />
      </div>
    </section>
  );
}
