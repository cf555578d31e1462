import type { CheckDialog } from '../../../../shared/contract/check';
import type { EnvironmentView } from '../../../../shared/contract/environment';
import type { FieldError } from '../../../../shared/settings/field-error';
import { willBeSet } from '../../../../shared/settings/secrets';
import type { SystemSettingsForm } from '../../../../shared/settings/system-settings';
import { toSecretChange, type SecretDraft } from '../../../stores/secret-drafts';
import { secretChanges, type SystemSettingsState } from '../../../stores/system-settings';

/** The dialog's plain fields; the password is a draft beside them and never prefilled as text. */
export type DialogFields = Omit<CheckDialog, 'password'>;

/** The test message's address fields, as the dialog and the walkthrough's Check buttons label them. */
export const messageFields = [
  { key: 'recipient', label: 'Recipient' },
  { key: 'sender', label: 'Sender' },
  { key: 'userName', label: 'User name (Exchange)' },
] as const;

/**
 * What the dialog opens with: rows 14, 11 and 12 of the form as it is now (saved or not); in
 * Demo the tenant's service account and usual recipient fill what the form leaves empty.
 */
export function prefillDialog(
  form: SystemSettingsForm,
  environment: EnvironmentView | undefined,
  lastRecipient: string,
): DialogFields {
  const demo = environment?.demo;
  return {
    emailMethod: form.emailMethod,
    recipient: lastRecipient || demo?.recipient || '',
    sender: form.backupSender.trim() || demo?.sender || '',
    userName: form.exchangeUserName.trim() || demo?.sender || '',
  };
}

/** Whether row 13 will hold a password for the test: stored and not cleared, or typed in the form. */
export const formHasPassword = (state: Pick<SystemSettingsState, 'secretsSet' | 'secretDrafts'>) =>
  willBeSet(state.secretsSet.exchangePassword, secretChanges(state).exchangePassword);

/** The dialog as check.run takes it; a password is sent only when typed in the dialog. */
export function toCheckDialog(
  fields: DialogFields,
  passwordDraft: SecretDraft | undefined,
  formPasswordSet: boolean,
): CheckDialog {
  const password = toSecretChange(formPasswordSet, passwordDraft);
  return password ? { ...fields, password } : fields;
}

export const DIALOG_PREFIX = 'dialog.';

/** Errors main reported against the dialog's own fields, by field name. */
export function dialogFieldErrors(errors: readonly FieldError[]): Partial<Record<string, string>> {
  const byField: Partial<Record<string, string>> = {};
  for (const e of errors) {
    if (e.field.startsWith(DIALOG_PREFIX))
      byField[e.field.slice(DIALOG_PREFIX.length)] ??= e.message;
  }
  return byField;
}
