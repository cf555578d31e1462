import { useEffect } from 'react';
import { useStore } from 'zustand';
import { mailApis, type MailApi } from '../../shared/settings/check-dialog';
import { mailApiChoiceStore } from '../stores/instances';
import type { MailApiUse } from '../stores/mail-api-choice';

/**
 * Send through or Validate through (SCREENS.md §2, §3): EWS or Microsoft Graph, the last choice
 * read from and kept by the host, with why it could not be when it could not.
 */
export function MailApiSelect({
  id,
  use,
  disabled,
}: {
  id: string;
  use: MailApiUse;
  disabled?: boolean;
}) {
  const value = useStore(mailApiChoiceStore, (s) => s[use]);
  const error = useStore(mailApiChoiceStore, (s) => s.error);
  useEffect(() => {
    void mailApiChoiceStore.getState().load();
  }, []);
  const errorId = `${id}-error`;
  return (
    <>
      <select
        id={id}
        className="control select"
        disabled={disabled}
        value={value}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => mailApiChoiceStore.getState().choose(use, e.target.value as MailApi)}
      >
        {mailApis.map((api) => (
          <option key={api.value} value={api.value}>
            {api.label}
          </option>
        ))}
      </select>
      {error && (
        <span id={errorId} className="row-error">
          {error}
        </span>
      )}
    </>
  );
}
