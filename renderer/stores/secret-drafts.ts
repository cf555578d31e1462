import type { SecretChange } from '../../shared/settings/secrets';

/**
 * What the person has done to one secret field since the last load: typed a value (possibly
 * still empty after pressing Change) and/or pressed Clear. Never holds a stored secret.
 */
export interface SecretDraft {
  value: string;
  clear: boolean;
}

/** The change to send, if any: typed text replaces; an empty field after Clear removes. */
export function toSecretChange(
  storedIsSet: boolean,
  draft: SecretDraft | undefined,
): SecretChange | undefined {
  if (!draft) return undefined;
  if (draft.value !== '') return { action: 'set', value: draft.value };
  return draft.clear && storedIsSet ? { action: 'clear' } : undefined;
}
