import type { SetupStepRef } from '../../../shared/diagnosis/table';
import { systemSettingsStore, walkthroughStore } from '../../stores/instances';
import { useNavigation } from '../../stores/navigation';

/**
 * Opens the Setup walkthrough at the step a setup reference names (switching to its flow),
 * scrolled to and highlighted. Leaving a procedure with unsaved changes asks first, as always.
 */
export function openWalkthroughStep(ref: SetupStepRef): void {
  const flow = systemSettingsStore.getState().form.authFlow;
  if (walkthroughStore.getState().show(ref, flow)) useNavigation.getState().open('walkthrough');
}
