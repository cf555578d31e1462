import { useStore } from 'zustand';
import type { AuthFlow } from '../../../shared/settings/system-settings';
import type { WalkthroughSectionId } from '../../../shared/guide/sections';
import { tenantStep } from '../../../shared/walkthrough/tenant-steps';
import { demoTenantStore, environmentStore, systemSettingsStore } from '../../stores/instances';

interface TenantStepControlsProps {
  flow: AuthFlow;
  section: WalkthroughSectionId;
  step: number;
  stepKey: string;
}

/**
 * In Demo, beside a step whose effect lives in the tenant: undo it (Break) to show the failure a
 * customer meets, and redo it (Fix), on this part's app registration: row 21's app when row 23 is
 * this part's flow, the demo's app for the flow otherwise (row 21 then holds the other part's app).
 */
export function TenantStepControls({ flow, section, step, stepKey }: TenantStepControlsProps) {
  const environment = useStore(environmentStore, (s) => s.view?.environment);
  const clientId = useStore(systemSettingsStore, (s) =>
    s.form.authFlow === flow ? s.form.clientId.trim() : '',
  );
  const busy = useStore(demoTenantStore, (s) => s.busy);
  const note = useStore(demoTenantStore, (s) => s.stepNotes[stepKey]);
  const state = tenantStep(flow, section, step);
  if (environment !== 'demo' || !state) return null;
  const run = (mode: 'break' | 'fix') =>
    void demoTenantStore
      .getState()
      .breakOrFix(mode, stepKey, { flow, section, step, ...(clientId ? { clientId } : {}) });
  return (
    <div className="tenant-step">
      <span className="tenant-step-label">Demo tenant:</span>
      <button type="button" className="button small" disabled={busy} onClick={() => run('break')}>
        Break step {step}
      </button>
      <button type="button" className="button small" disabled={busy} onClick={() => run('fix')}>
        Fix step {step}
      </button>
      {note && (
        <span className="tenant-step-note" role="status">
          {note}
        </span>
      )}
    </div>
  );
}
