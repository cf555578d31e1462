import type { CheckRunInput } from '../../shared/contract/check';
import type { FieldError } from '../../shared/settings/field-error';
import { willBeSet, type SecretChange } from '../../shared/settings/secrets';
import { systemOverallRows } from '../../shared/settings/system-rows';
import {
  validateSystemSettings,
  type AuthFlow,
  type SystemSecretKey,
  type SystemSecretPresence,
  type SystemSettings,
} from '../../shared/settings/system-settings';
import { isEmail } from '../../shared/settings/validators';

/** The dialog's own fields, named as the errors list names them. */
const dialogLabels = {
  'dialog.recipient': 'Recipient',
  'dialog.sender': 'Sender',
  'dialog.userName': 'User name (Exchange)',
  'dialog.password': 'Password (Exchange)',
} as const;

function dialogErrors(input: CheckRunInput, stored: SystemSecretPresence): FieldError[] {
  const { dialog, form, secrets } = input;
  const errors: FieldError[] = [];
  const address = (field: 'dialog.recipient' | 'dialog.sender', value: string) => {
    if (value.trim() === '') errors.push({ field, message: `${dialogLabels[field]} is missing` });
    else if (!isEmail(value.trim())) errors.push({ field, message: 'E-mail address is not valid' });
  };
  address('dialog.recipient', dialog.recipient);
  address('dialog.sender', dialog.sender);
  if (form.authFlow === 'password') {
    if (dialog.userName.trim() === '')
      errors.push({ field: 'dialog.userName', message: 'User name (Exchange) is missing' });
    if (!willBeSet(stored.exchangePassword, dialog.password ?? secrets.exchangePassword))
      errors.push({ field: 'dialog.password', message: 'Password (Exchange) is missing' });
  }
  return errors;
}

/** The System secret each authentication flow signs in with. */
export const flowSecretKey = (flow: AuthFlow): SystemSecretKey =>
  flow === 'password' ? 'exchangePassword' : 'clientSecret';

/** The change a run brings for its flow's secret: typed in the dialog, or pending in the form. */
export const pendingFlowSecret = (input: CheckRunInput): SecretChange | undefined =>
  input.form.authFlow === 'password'
    ? (input.dialog.password ?? input.secrets.exchangePassword)
    : input.secrets.clientSecret;

/** The name the errors list uses for a field: the row's short name or the dialog's label. */
export const fieldName = (field: string): string =>
  (dialogLabels as Record<string, string>)[field] ??
  systemOverallRows.find((row) => row.key === field)?.short ??
  field;

/**
 * FLOWS.md §3 step 1: the form as it is now (with Exchange Online, the only method tested) and the
 * dialog's fields. Any error means nothing is sent. With Exchange Online the only stored secret
 * validation consults is the flow's own (Password (Exchange) or Client secret), so that is the
 * one flag the caller reads from the keychain.
 */
export function validateCheck(
  input: CheckRunInput,
  flowSecretStored: boolean,
): { errors: FieldError[]; settings?: SystemSettings } {
  const stored: SystemSecretPresence = {
    exchangePassword: false,
    smtpPassword: false,
    clientSecret: false,
    [flowSecretKey(input.form.authFlow)]: flowSecretStored,
  };
  const form = { ...input.form, emailMethod: 'exchange-online' as const };
  const { errors, settings } = validateSystemSettings(form, stored, input.secrets);
  const all = [...errors, ...dialogErrors(input, stored)];
  return all.length > 0 ? { errors: all } : { errors: all, settings };
}
