import type { SetupStepRef } from '../../shared/diagnosis/table';
import { incomingServerRows } from '../../shared/settings/incoming-rows';
import type { AuthFlow } from '../../shared/settings/system-settings';
import { systemSettingsStore, walkthroughStore } from '../stores/instances';
import { useNavigation } from '../stores/navigation';
import { fieldId } from '../components/field-ids';

/**
 * Opens the Setup walkthrough at the step a setup reference names (switching to its flow),
 * scrolled to and highlighted. Leaving a procedure with unsaved changes asks first, as always.
 */
export function openWalkthroughStep(ref: SetupStepRef, flow?: AuthFlow): void {
  const current = flow ?? systemSettingsStore.getState().form.authFlow;
  if (walkthroughStore.getState().show(ref, current)) useNavigation.getState().open('walkthrough');
}

/**
 * A reference to a field of Settings for incoming e-mail (a failure shown there): opens that
 * procedure, if it is not the open one, and focuses the field. False for any other reference.
 */
export function openSettingsField(ref: SetupStepRef): boolean {
  if (ref.part !== 'incoming') return false;
  const row = incomingServerRows.find((r) => r.label === ref.title);
  if (!row) return false;
  useNavigation.getState().open('incoming-mail');
  requestAnimationFrame(() => document.getElementById(fieldId(row.key))?.focus());
  return true;
}
