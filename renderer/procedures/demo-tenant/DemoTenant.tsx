import { useEffect, useState } from 'react';
import { Banner } from '../../components/Banner';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { demoTenantStore } from '../../stores/instances';
import { AppRegistrations } from './AppRegistrations';
import { Faults } from './Faults';
import { Mailboxes } from './Mailboxes';
import { NewSecretNotice } from './NewSecretNotice';
import { Organisation } from './Organisation';
import { Users } from './Users';
import { useDemo } from './use-demo';
import './demo-tenant.css';

/** The heading and toolbar: Refresh, and Reset demo tenant (which asks first). */
function DemoTenantHeader({ canReset, onReset }: { canReset: boolean; onReset(): void }) {
  return (
    <header className="procedure-header">
      <h1>Demo tenant</h1>
      <div className="toolbar" role="toolbar" aria-label="Demo tenant">
        <button
          type="button"
          className="button"
          onClick={() => void demoTenantStore.getState().load()}
        >
          Refresh
        </button>
        <button type="button" className="button" disabled={!canReset} onClick={onReset}>
          Reset demo tenant
        </button>
      </div>
    </header>
  );
}

/** Reset demo tenant asks first, saying what goes back and what stays. */
function ResetConfirmation({ open, onClose }: { open: boolean; onClose(reset: boolean): void }) {
  return (
    <ConfirmDialog
      open={open}
      title="Reset demo tenant?"
      message="Everything changed in the demo tenant goes back to how the demo starts: app registrations and their client secrets, users, mailboxes and the messages in them, organisation switches, the propagation delay, faults and limits. This app’s own settings stay as they are."
      confirmLabel="Reset demo tenant"
      cancelLabel="Cancel"
      onConfirm={() => onClose(true)}
      onCancel={() => onClose(false)}
    />
  );
}

/**
 * The Demo tenant procedure (SCREENS.md §6): the simulated tenant's portal and Exchange admin
 * state, each item one control, so support can show a failure live and undo it.
 */
export function DemoTenant() {
  const { view, phase, busy, error, notice, load, reset, dismissError, dismissNotice } = useDemo();
  const [confirmingReset, setConfirmingReset] = useState(false);

  useEffect(() => {
    void demoTenantStore.getState().load();
  }, []);

  return (
    <div className="procedure demo-tenant" aria-busy={busy}>
      <DemoTenantHeader
        canReset={!busy && view !== undefined}
        onReset={() => setConfirmingReset(true)}
      />
      <p className="demo-intro">
        The simulated Microsoft 365 tenant behind the Demo environment, as the Azure Portal and the
        Exchange admin center would show it. Each change applies at once; Reset demo tenant puts
        everything back. In Microsoft 365 none of this exists.
      </p>
      <div className="banners">
        {error && phase !== 'load-failed' && (
          <Banner kind="alert" message={error} onDismiss={dismissError} />
        )}
        {notice && <Banner kind="notice" message={notice} onDismiss={dismissNotice} />}
        <NewSecretNotice />
      </div>
      {phase === 'load-failed' ? (
        <div className="load-failed" role="alert">
          <p>{error}</p>
          <button type="button" className="button" onClick={() => void load()}>
            Try again
          </button>
        </div>
      ) : !view ? (
        <p className="placeholder">Loading the demo tenant…</p>
      ) : (
        <div className="demo-sections">
          <AppRegistrations view={view} />
          <section className="demo-section" aria-labelledby="demo-users-title">
            <h2 id="demo-users-title">Users and mailboxes</h2>
            <Users view={view} />
            <Mailboxes view={view} />
          </section>
          <Organisation view={view} />
          <Faults view={view} />
        </div>
      )}
      <ResetConfirmation
        open={confirmingReset}
        onClose={(confirmed) => {
          setConfirmingReset(false);
          if (confirmed) void reset();
        }}
      />
    </div>
  );
}
