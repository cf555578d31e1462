import type { DemoTenantView } from '../../../shared/contract/demo';
import { userSwitches, userSwitchNames } from '../../../shared/demo/switches';
import { useDemo } from './use-demo';

/** Entra ID's users: what makes their sign-in fail (MFA, disabled, locked …), one tick box each. */
export function Users({ view }: { view: DemoTenantView }) {
  const { busy, change } = useDemo();
  return (
    <div className="demo-table-wrap">
      <table className="demo-table" aria-label="Users">
        <thead>
          <tr>
            <th>User</th>
            {userSwitchNames.map((name) => (
              <th key={name}>{userSwitches[name].label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {view.users.map((user) => (
            <tr key={user.userPrincipalName}>
              <td>
                {user.displayName}
                <div className="demo-id">{user.userPrincipalName}</div>
              </td>
              {userSwitchNames.map((name) => (
                <td key={name} className="demo-cell-check">
                  <input
                    type="checkbox"
                    aria-label={`${userSwitches[name].label}: ${user.userPrincipalName}`}
                    checked={user.switches[name]}
                    disabled={busy}
                    onChange={(e) =>
                      void change('demo.setSwitch', {
                        target: 'user',
                        id: user.userPrincipalName,
                        name,
                        value: e.target.checked,
                      })
                    }
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
