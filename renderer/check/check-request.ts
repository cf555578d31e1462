import type { CheckDialog } from '../../shared/contract/check';
import type { MailApi } from '../../shared/settings/check-dialog';
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
  sendThrough?: MailApi,
): CheckRunRequest {
  // Only Exchange Online offers a choice of API; every other method has one way to send.
  const through = sendThrough && dialog.emailMethod === 'exchange-online' ? { sendThrough } : {};
  return { form: state.form, secrets: secretChanges(state), dialog: { ...dialog, ...through } };
}
