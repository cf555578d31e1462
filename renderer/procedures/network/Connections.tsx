import { useStore } from 'zustand';
import { setupStepsOf } from '../../check/setup-steps-of';
import { SetupStepLinks } from '../../check/SetupStepLink';
import { networkSettingsStore, systemSettingsStore } from '../../stores/instances';
import { ConnectionsTable } from './ConnectionsTable';

/** The walkthrough's steps that fix a diagnosis, for the flow System settings row 23 names. */
function FixLinks({ diagnosisId }: { diagnosisId: string }) {
  const flow = useStore(systemSettingsStore, (s) => s.form.authFlow);
  return <SetupStepLinks steps={setupStepsOf({ id: diagnosisId }, flow)} flow={flow} />;
}

/** Check connections: the button, its busy state, its error or its table. */
export function Connections() {
  const { connections, checkConnections } = useStore(networkSettingsStore);
  const checking = connections.phase === 'checking';
  return (
    <section className="row-group connections" aria-labelledby="network-connections-heading">
      <h2 id="network-connections-heading" className="group-heading">
        Connections
      </h2>
      <div className="connections-actions">
        {/* aria-disabled rather than disabled: the button keeps the focus while it works. */}
        <button
          type="button"
          className="button"
          aria-disabled={checking || undefined}
          aria-describedby="connections-hint"
          onClick={() => void checkConnections()}
        >
          Check connections
        </button>
        <span id="connections-hint" className="connections-hint">
          Tries each host the saved settings use (sign-in, EWS or Graph, SMTP, IMAP), without
          sending mail.
        </span>
      </div>
      <div className="connections-answer" aria-busy={checking}>
        {checking && (
          <p className="connections-status" role="status">
            Checking connections…
          </p>
        )}
        {connections.phase === 'failed' && (
          <p className="connections-error" role="alert">
            {connections.error}
          </p>
        )}
        {connections.phase === 'done' && (
          <ConnectionsTable
            rows={connections.rows}
            fixLinks={(id) => <FixLinks diagnosisId={id} />}
          />
        )}
      </div>
    </section>
  );
}
