import type { DemoValues, EnvironmentView } from '../../shared/contract/environment';
import { forgetRecipientIf, rememberedRecipient } from '../stores/remembered-recipient';
import { isIncomingDirty } from '../stores/incoming/form-slice';
import { isDirty } from '../stores/system-settings';
import { incomingSettingsStore, systemSettingsStore } from '../stores/instances';

/** Whether an address is one of the demo tenant's (its domain), e.g. the Check dialog's Recipient. */
const isDemoAddress = (demo: NonNullable<EnvironmentView['demo']>) => (address: string) =>
  address.trim().toLowerCase().endsWith(`@${demo.domain.toLowerCase()}`);

/** What the Check dialog remembers that is the demo's (its Recipient), by its label. */
export const demoDialogFields = (demo: EnvironmentView['demo']): string[] =>
  demo && isDemoAddress(demo)(rememberedRecipient()) ? ['Recipient'] : [];

/** Every place that holds the demo's values, as "Procedure: label, label", for the dialogs. */
export function demoValuesPlaces(values: DemoValues, dialogFields: readonly string[]): string[] {
  const places: [string, readonly string[]][] = [
    ['System settings', values.system],
    ['Settings for incoming e-mail', values.incoming],
    ['Check e-mail settings', dialogFields],
  ];
  return places.filter(([, labels]) => labels.length > 0).map(([p, l]) => `${p}: ${l.join(', ')}`);
}

/** The procedures with unsaved changes, which a clearing would overwrite: they are saved first. */
export function unsavedProcedures(): string[] {
  return [
    ...(isDirty(systemSettingsStore.getState()) ? ['System settings'] : []),
    ...(isIncomingDirty(incomingSettingsStore.getState()) ? ['Settings for incoming e-mail'] : []),
  ];
}

/** After a clearing: both procedures show what is saved now; the dialog forgets a demo Recipient. */
export function showDemoValuesCleared(demo: EnvironmentView['demo']): void {
  if (demo) forgetRecipientIf(isDemoAddress(demo));
  for (const store of [systemSettingsStore, incomingSettingsStore])
    if (store.getState().phase !== 'idle') void store.getState().load();
}
