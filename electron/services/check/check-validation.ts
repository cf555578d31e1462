import type { CheckRunInput } from '../../../shared/contract/check';
import type { FieldError } from '../../../shared/settings/field-error';
import { dialogCredentials, type DialogCredentials } from '../../../shared/settings/check-dialog';
import { willBeSet, type SecretChange } from '../../../shared/settings/secrets';
import { systemOverallRows } from '../../../shared/settings/system-rows';
import {
  validateSystemSettings,
  type SystemSecretKey,
  type SystemSecretPresence,
  type SystemSettings,
} from '../../../shared/settings/system-settings';
import { INVALID_ADDRESS, isEmail } from '../../../shared/settings/validators';

/** The sign-in fields of the dialog as this run's E-mail method uses them. */
export const credentialsOf = (input: CheckRunInput): DialogCredentials =>
  dialogCredentials(input.dialog.emailMethod, input.form.authFlow);

/** The System secret the run signs in with, if any: the dialog's password, or Client secret. */
export function secretKeyOf(input: CheckRunInput): SystemSecretKey | undefined {
  const { emailMethod } = input.dialog;
  if (emailMethod === 'client') return undefined;
  if (emailMethod === 'exchange-online' && input.form.authFlow === 'client-secret')
    return 'clientSecret';
  return credentialsOf(input).secretKey;
}

/** The change a run brings for that secret: typed in the dialog, or pending in the form. */
export function pendingSecret(
  input: CheckRunInput,
  key: SystemSecretKey,
): SecretChange | undefined {
  if (key === 'clientSecret') return input.secrets.clientSecret;
  return input.dialog.password ?? input.secrets[key];
}

/** The name the errors list uses for a field: the dialog's label or the row's short name. */
export function fieldName(field: string, input: CheckRunInput): string {
  const credentials = credentialsOf(input);
  const dialogLabels: Record<string, string> = {
    'dialog.recipient': 'Recipient',
    'dialog.sender': 'Sender',
    'dialog.userName': credentials.userLabel,
    'dialog.password': credentials.passwordLabel,
  };
  return dialogLabels[field] ?? systemOverallRows.find((row) => row.key === field)?.short ?? field;
}

function dialogErrors(input: CheckRunInput, secretStored: boolean): FieldError[] {
  const { dialog } = input;
  const errors: FieldError[] = [];
  const address = (field: 'dialog.recipient' | 'dialog.sender', value: string, missing: string) => {
    if (value.trim() === '') errors.push({ field, message: missing });
    else if (!isEmail(value.trim())) errors.push({ field, message: INVALID_ADDRESS });
  };
  address(
    'dialog.recipient',
    dialog.recipient,
    'Recipient is missing: enter the address the test message goes to',
  );
  // The mail client fills in its own account's address when Sender is empty.
  if (dialog.emailMethod !== 'client' || dialog.sender.trim() !== '')
    address(
      'dialog.sender',
      dialog.sender,
      'Sender is missing: enter the mailbox the test message is sent from',
    );

  const credentials = credentialsOf(input);
  if (!credentials.used) return errors;
  const userName = dialog.userName.trim();
  if (credentials.required && userName === '')
    errors.push({
      field: 'dialog.userName',
      message: `${credentials.userLabel} is missing: enter the account that signs in (usually its UPN)`,
    });
  const key = credentials.secretKey;
  if (
    (credentials.required || userName !== '') &&
    !willBeSet(secretStored, pendingSecret(input, key))
  )
    errors.push({
      field: 'dialog.password',
      message: `${credentials.passwordLabel} is missing: enter that account’s password`,
    });
  return errors;
}

/**
 * FLOWS.md §3 step 1: the form as it is now, validated for the dialog's E-mail method, and the
 * dialog's fields. Any error means nothing is sent. The only stored secret validation consults
 * is the one the run signs in with, so that is the one flag the caller reads from the keychain.
 */
export function validateCheck(
  input: CheckRunInput,
  secretStored: boolean,
): { errors: FieldError[]; settings?: SystemSettings } {
  const key = secretKeyOf(input);
  const stored: SystemSecretPresence = {
    exchangePassword: false,
    smtpPassword: false,
    // With SMTP the OAuth rows only feed the XOAUTH2 attempt, which never decides the verdict
    // and says itself when the client secret is missing.
    clientSecret: input.dialog.emailMethod === 'smtp',
    ...(key ? { [key]: secretStored } : {}),
  };
  const form = { ...input.form, emailMethod: input.dialog.emailMethod };
  const { errors, settings } = validateSystemSettings(form, stored, input.secrets);
  const all = [...errors, ...dialogErrors(input, secretStored)];
  return all.length > 0 ? { errors: all } : { errors: all, settings };
}
