import type { DialogCredentials } from '../../../../shared/settings/check-dialog';
import { AddressInput } from '../../../components/AddressInput';
import { SecretField } from '../../../components/SecretField';
import type { DialogFields, DialogPasswords } from '../../../check/dialog-fields';
import { FieldError, FieldRow, fieldErrorId } from './FieldRow';

interface CredentialFieldsProps {
  id: string;
  credentials: DialogCredentials;
  fields: DialogFields;
  onField(key: 'userName' | 'smtpUserName', value: string): void;
  passwords: DialogPasswords;
  onPasswords(passwords: DialogPasswords): void;
  /** Whether the form holds the method's password (stored, or typed on the screen). */
  passwordStored: boolean;
  running: boolean;
  errors: Partial<Record<string, string>>;
  datalist?: string;
}

/**
 * The dialog's sign-in fields as the E-mail method uses them (SCREENS.md §2): User name (SMTP) and
 * Password (SMTP) for SMTP, User name (Exchange) and Password (Exchange) otherwise; disabled with
 * a note when the method or the flow does not sign in with them.
 */
export function CredentialFields(props: CredentialFieldsProps) {
  const { id, credentials, fields, passwords, running, errors } = props;
  const key = credentials.secretKey === 'smtpPassword' ? 'smtpUserName' : 'userName';
  const noteId = `${id}-credentials-note`;
  const describedBy = (field: string) =>
    [errors[field] ? fieldErrorId(id, field) : '', credentials.note ? noteId : '']
      .filter(Boolean)
      .join(' ') || undefined;

  return (
    <>
      <FieldRow htmlFor={`${id}-userName`} label={credentials.userLabel}>
        <AddressInput
          id={`${id}-userName`}
          list={props.datalist}
          readOnly={running}
          disabled={!credentials.used}
          value={credentials.used ? fields[key] : ''}
          aria-invalid={errors.userName ? true : undefined}
          aria-describedby={describedBy('userName')}
          onChange={(value) => props.onField(key, value)}
        />
        <FieldError id={id} field="userName" errors={errors} />
      </FieldRow>
      <FieldRow htmlFor={`${id}-password`} label={credentials.passwordLabel}>
        <SecretField
          id={`${id}-password`}
          label={credentials.passwordLabel}
          storedIsSet={credentials.used && props.passwordStored}
          draft={passwords[credentials.secretKey]}
          onDraft={(draft) => props.onPasswords({ ...passwords, [credentials.secretKey]: draft })}
          onBlur={() => {}}
          disabled={running || !credentials.used}
          clearable={false}
          invalid={errors.password !== undefined}
          describedBy={describedBy('password')}
        />
        <FieldError id={id} field="password" errors={errors} />
      </FieldRow>
      {credentials.note && (
        <p id={noteId} className="field-note check-credentials-note">
          {credentials.note}
        </p>
      )}
    </>
  );
}
