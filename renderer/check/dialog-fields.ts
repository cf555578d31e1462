import type { CheckDialog } from '../../shared/contract/check';
import type { EnvironmentView } from '../../shared/contract/environment';
import type { FieldError } from '../../shared/settings/field-error';
import { dialogCredentials } from '../../shared/settings/check-dialog';
import { willBeSet } from '../../shared/settings/secrets';
import type {
  AuthFlow,
  SystemSecretKey,
  SystemSettingsForm,
} from '../../shared/settings/system-settings';
import { toSecretChange, type SecretDraft } from '../stores/secret-drafts';
import type { CheckFields } from '../stores/walkthrough';
import { secretChanges, type SystemSettingsState } from '../stores/system-settings';

/**
 * The dialog's plain fields: the Exchange and the SMTP user name are kept apart, so switching the
 * E-mail method back and forth loses neither. Passwords are drafts beside them, never prefilled.
 */
export type DialogFields = Omit<CheckDialog, 'password'> & { smtpUserName: string };

/** A password typed in the dialog, per secret it stands in for. */
export type DialogPasswords = Partial<Record<SystemSecretKey, SecretDraft>>;

/** Recipient and Sender: the dialog focuses the first of them that is empty. */
export const addressFields = [
  { key: 'recipient', label: 'Recipient' },
  { key: 'sender', label: 'Sender' },
] as const;

/** The test message's address fields, as the dialog and the walkthrough's Check buttons label them. */
export const messageFields = [
  ...addressFields,
  { key: 'userName', label: 'User name (Exchange)' },
] as const;

/**
 * What the dialog opens with: rows 14, 11, 12 and 17 of the form as it is now (saved or not); in
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
    smtpUserName: form.smtpUserName.trim(),
  };
}

/** Whether the form will hold that secret for the test: stored and not cleared, or typed there. */
export const formHasSecret = (
  state: Pick<SystemSettingsState, 'secretsSet' | 'secretDrafts'>,
  key: SystemSecretKey,
) => willBeSet(state.secretsSet[key], secretChanges(state)[key]);

/**
 * The dialog as check.run takes it: the user name of the method's credentials, and a password
 * only when one was typed in the dialog for a method that signs in with it.
 */
export function toCheckDialog(
  fields: DialogFields,
  flow: AuthFlow,
  passwords: DialogPasswords,
  formSecretSet: (key: SystemSecretKey) => boolean,
): CheckDialog {
  const { smtpUserName, ...rest } = fields;
  const credentials = dialogCredentials(fields.emailMethod, flow);
  const key = credentials.secretKey;
  const dialog = { ...rest, userName: key === 'smtpPassword' ? smtpUserName : fields.userName };
  const password = credentials.used
    ? toSecretChange(formSecretSet(key), passwords[key])
    : undefined;
  return password ? { ...dialog, password } : dialog;
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

/** The test message's fields a walkthrough Check sends: typed there, or the dialog's prefill. */
export function checkFieldsFrom(
  typed: CheckFields | undefined,
  form: SystemSettingsForm,
  environment: EnvironmentView | undefined,
): CheckFields {
  if (typed) return typed;
  const { recipient, sender, userName } = prefillDialog(form, environment, '');
  return { recipient, sender, userName };
}
