import type { DemoAppView } from '../../../shared/contract/demo';
import { useDemo } from './use-demo';

/** Microsoft's portal suggests 180 days for a new secret. */
const NEW_SECRET_DAYS = 180;

type SecretView = DemoAppView['secrets'][number];

/** One secret: its hint, its expiry to move, whether it is expired, and Remove. */
function SecretRow({ app, secret: s }: { app: DemoAppView; secret: SecretView }) {
  const { busy, change } = useDemo();
  return (
    <tr>
      <td>{s.displayName}</td>
      <td>{s.hint}••••••</td>
      <td>
        <input
          type="date"
          className="control"
          aria-label={`Expires: ${s.displayName}`}
          value={s.expiresAt.slice(0, 10)}
          disabled={busy}
          onChange={(e) => {
            if (e.target.value)
              void change('demo.setSecretExpiry', {
                clientId: app.clientId,
                keyId: s.keyId,
                expiresAt: e.target.value,
              });
          }}
        />
      </td>
      <td className={s.expired ? 'demo-bad' : undefined}>{s.expired ? 'Expired' : 'Valid'}</td>
      <td>
        <button
          type="button"
          className="button small"
          disabled={busy}
          aria-label={`Remove secret ${s.displayName}`}
          onClick={() =>
            void change('demo.removeSecret', { clientId: app.clientId, keyId: s.keyId })
          }
        >
          Remove
        </button>
      </td>
    </tr>
  );
}

function SecretsTable({ app }: { app: DemoAppView }) {
  return (
    <div className="demo-table-wrap">
      <table className="demo-table" aria-label={`Client secrets of ${app.displayName}`}>
        <thead>
          <tr>
            <th>Description</th>
            <th>Value</th>
            <th>Expires</th>
            <th>Status</th>
            <th>
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {app.secrets.map((s) => (
            <SecretRow key={s.keyId} app={app} secret={s} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Certificates & secrets: each secret's expiry (a date to move into the past) and Remove. */
export function Secrets({ app }: { app: DemoAppView }) {
  const { busy, addSecret } = useDemo();
  return (
    <fieldset className="demo-secrets">
      <legend>Client secrets</legend>
      {app.secrets.length === 0 ? (
        <p className="demo-none">No client secrets.</p>
      ) : (
        <SecretsTable app={app} />
      )}
      <button
        type="button"
        className="button small"
        disabled={busy}
        onClick={() =>
          void addSecret({
            clientId: app.clientId,
            displayName: 'Support demo',
            expiresInDays: NEW_SECRET_DAYS,
          })
        }
      >
        New client secret
      </button>
    </fieldset>
  );
}
