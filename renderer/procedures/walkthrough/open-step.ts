import type { SetupStepRef } from '../../../shared/diagnosis/table';
import type { AuthFlow } from '../../../shared/settings/system-settings';
import { systemSettingsStore, walkthroughStore } from '../../stores/instances';
import { useNavigation } from '../../stores/navigation';

/**
 * Opens the Setup walkthrough at the step a setup reference names (switching to its flow),
 * scrolled to and highlighted. Leaving a procedure with unsaved changes asks first, as always.
 */
export function openWalkthroughStep(ref: SetupStepRef, flow?: AuthFlow): void {
  const current = flow ?? systemSettingsStore.getState().form.authFlow;
  if (walkthroughStore.getState().show(ref, current)) useNavigation.getState().open('walkthrough');
}
