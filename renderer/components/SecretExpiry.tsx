import { secretExpiryNotice } from '../../shared/settings/secret-expiry';
import type { SystemSettingsState } from '../stores/system-settings';

// As the date field beside it shows a date: the browser's locale, with the year in full.
const localDate = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  timeZone: 'UTC',
});

interface SecretExpiryProps {
  state: SystemSettingsState;
  disabled: boolean;
}

/**
 * Beside row 24: when the secret expires, as noted at Azure Portal step 21, and the warning 30,
 * 14 and 7 days ahead (and once it has passed), so the ERP's mail does not stop unannounced.
 */
export function SecretExpiry({ state, disabled }: SecretExpiryProps) {
  const value = state.form.clientSecretExpires ?? '';
  const notice = secretExpiryNotice(value, new Date(), (ms) => localDate.format(ms));
  return (
    <div className="secret-expiry">
      <label>
        Secret expires{' '}
        <input
          type="date"
          className="control date"
          value={value}
          disabled={disabled}
          onChange={(e) => state.setField('clientSecretExpires', e.target.value)}
        />
      </label>
      {notice && !disabled && (
        <p role="status" className={`secret-expiry-notice${notice.level <= 7 ? ' urgent' : ''}`}>
          {notice.text}
        </p>
      )}
    </div>
  );
}
