import { useEffect } from 'react';
import { useStore } from 'zustand';
import { systemSettingsStore } from '../../stores/instances';
import { SecretExpiry } from '../../components/SecretExpiry';
import { systemSettingsReady } from './fill-ids';

/** Azure Portal step 21 asks when the new secret expires; it goes beside row 24, unsaved. */
export function SecretExpiryStep() {
  const state = useStore(systemSettingsStore);
  useEffect(() => {
    void systemSettingsReady(systemSettingsStore);
  }, []);
  return (
    <div className="step-secret-expiry">
      <SecretExpiry state={state} disabled={state.phase !== 'ready'} />
    </div>
  );
}
