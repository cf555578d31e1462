import type { CheckRunInput } from '../../shared/contract/check';
import type { FieldError } from '../../shared/settings/field-error';
import { willBeSet } from '../../shared/settings/secrets';
import { systemOverallRows } from '../../shared/settings/system-rows';
import {
  validateSystemSettings,
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

/** The name the errors list uses for a field: the row's short name or the dialog's label. */
export const fieldName = (field: string): string =>
  (dialogLabels as Record<string, string>)[field] ??
  systemOverallRows.find((row) => row.key === field)?.short ??
  field;

/**
 * FLOWS.md §3 step 1: the form as it is now (with the dialog's E-mail method) and the dialog's
 * fields. Any error means nothing is sent.
 */
export function validateCheck(
  input: CheckRunInput,
  stored: SystemSecretPresence,
): { errors: FieldError[]; settings?: SystemSettings } {
  const form = { ...input.form, emailMethod: input.dialog.emailMethod };
  const { errors, settings } = validateSystemSettings(form, stored, input.secrets);
  const all = [...errors, ...dialogErrors(input, stored)];
  return all.length > 0 ? { errors: all } : { errors: all, settings };
}
