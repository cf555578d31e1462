import type { CheckDialog } from '../../shared/contract/check';
import type { CheckRunRequest } from '../stores/check-run';
import { secretChanges, type SystemSettingsState } from '../stores/system-settings';

/**
 * The check.run request: System settings as they are on the screen now, saved or not, with the
 * secrets typed there. The green icon's dialog and the walkthrough's Check buttons both test this
 * way, so a Check and the dialog cannot disagree about which settings they tested.
 */
export function checkRequest(
  state: Pick<SystemSettingsState, 'form' | 'secretsSet' | 'secretDrafts'>,
  dialog: CheckDialog,
): CheckRunRequest {
  return { form: state.form, secrets: secretChanges(state), dialog };
}
