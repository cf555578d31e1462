import type { DemoAppView, DemoTenantView } from '../../../shared/contract/demo';
import { appSwitches, appSwitchNames } from '../../../shared/demo/switches';
import { Secrets } from './Secrets';
import { useDemo } from './use-demo';

const typeLabel = { Scope: 'Delegated', Role: 'Application' } as const;

/** The manifest's requiredResourceAccess as one tick box per permission, by API. */
function Permissions({ app }: { app: DemoAppView }) {
  const { busy, change } = useDemo();
  const resources = [...new Set(app.permissions.map((p) => p.resource))];
  return (
    <fieldset className="demo-permissions">
      <legend>API permissions in the manifest</legend>
      {resources.map((resource) => (
        <div key={resource} className="demo-resource">
          <span className="demo-resource-name">{resource}</span>
          {app.permissions
            .filter((p) => p.resource === resource)
            .map((p) => (
              <label key={p.id} className="demo-check">
                <input
                  type="checkbox"
                  checked={p.requested}
                  disabled={busy}
                  onChange={(e) =>
                    void change('demo.setPermission', {
                      clientId: app.clientId,
                      resourceAppId: p.resourceAppId,
                      permissionId: p.id,
                      requested: e.target.checked,
                    })
                  }
                />
                {p.value} ({typeLabel[p.type]})
              </label>
            ))}
        </div>
      ))}
    </fieldset>
  );
}

function AppRegistration({ app }: { app: DemoAppView }) {
  const { busy, change } = useDemo();
  return (
    <fieldset className="demo-card">
      <legend>{app.displayName}</legend>
      <p className="demo-id">Application (client) ID {app.clientId}</p>
      <div className="demo-switches">
        {appSwitchNames.map((name) => (
          <label key={name} className="demo-check">
            <input
              type="checkbox"
              checked={app.switches[name]}
              disabled={busy}
              onChange={(e) =>
                void change('demo.setSwitch', {
                  target: 'app',
                  id: app.clientId,
                  name,
                  value: e.target.checked,
                })
              }
            />
            {appSwitches[name].label}
          </label>
        ))}
        {app.propagatingSeconds > 0 && (
          <span className="demo-propagating">
            Exchange Online sees the last permission change in {app.propagatingSeconds} s.
          </span>
        )}
      </div>
      <Permissions app={app} />
      <Secrets app={app} />
    </fieldset>
  );
}

/** Entra ID's App registrations, one card each. */
export function AppRegistrations({ view }: { view: DemoTenantView }) {
  return (
    <section className="demo-section" aria-labelledby="demo-apps-title">
      <h2 id="demo-apps-title">App registrations</h2>
      <div className="demo-cards">
        {view.apps.map((app) => (
          <AppRegistration key={app.clientId} app={app} />
        ))}
      </div>
    </section>
  );
}
