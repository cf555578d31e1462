import type { IncomingSecretChanges } from '../../../shared/settings/incoming-settings';
import { toSecretChange } from '../secret-drafts';
import type { IncomingSettingsState } from './state';

/** The secrets a save would send: the typed Client secret and the rows' typed passwords. */
export function incomingSecretChanges(
  state: Pick<
    IncomingSettingsState,
    'form' | 'secretsSet' | 'clientSecretDraft' | 'passwordDrafts'
  >,
): IncomingSecretChanges {
  const changes: IncomingSecretChanges = {};
  const clientSecret = toSecretChange(state.secretsSet.clientSecret, state.clientSecretDraft);
  if (clientSecret) changes.clientSecret = clientSecret;
  const passwords: NonNullable<IncomingSecretChanges['passwords']> = {};
  for (const { id } of state.form.accounts) {
    // Most rows have no draft: skipping them keeps this cheap on every keystroke in a big grid.
    const draft = state.passwordDrafts[id];
    if (!draft) continue;
    const change = toSecretChange(state.secretsSet.passwords[id] ?? false, draft);
    if (change) passwords[id] = change;
  }
  if (Object.keys(passwords).length > 0) changes.passwords = passwords;
  return changes;
}
