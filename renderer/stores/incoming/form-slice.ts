import type { IncomingSettingsView } from '../../../shared/contract/incoming';
import {
  defaultIncomingSettings,
  toIncomingSettingsForm,
  type IncomingSecretPresence,
  type IncomingSettingsForm,
} from '../../../shared/settings/incoming-settings';
import { procedureFormSlice, type ProcedureFormState } from '../procedure-form';
import type { SecretDraft } from '../secret-drafts';
import { allIncomingErrors } from './field-errors';
import { incomingSecretChanges } from './secret-changes';
import { replacedTypedSecret } from './staleness';
import type { IncomingSettingsApi, IncomingSettingsState, IncomingSlice } from './state';
import { withResults } from './validation-results';

type ServerForm = Omit<IncomingSettingsForm, 'accounts'>;

/** The form: server settings, the Client secret, and the load/save lifecycle of the whole. */
export interface IncomingFormSlice extends ProcedureFormState<IncomingSettingsForm> {
  secretsSet: IncomingSecretPresence;
  clientSecretDraft?: SecretDraft;
  setField<K extends keyof ServerForm>(key: K, value: ServerForm[K]): void;
  setClientSecretDraft(draft: SecretDraft | undefined): void;
}

const serverKeys = (form: IncomingSettingsForm) =>
  (Object.keys(form) as (keyof IncomingSettingsForm)[]).filter((k) => k !== 'accounts');

/**
 * Whether anything would be saved. Rows are compared by identity: every edit makes a new row
 * object, so typing a value back counts as a change, which is the cheap and safe side.
 */
export function isIncomingDirty(state: IncomingSettingsState): boolean {
  const { form, saved } = state;
  if (serverKeys(form).some((k) => form[k] !== saved[k])) return true;
  if (form.accounts.length !== saved.accounts.length) return true;
  if (form.accounts.some((a, i) => a !== saved.accounts[i])) return true;
  return Object.keys(incomingSecretChanges(state)).length > 0;
}

export const formSlice =
  (api: IncomingSettingsApi, locale: string): IncomingSlice<IncomingFormSlice> =>
  (set, get) => ({
    ...procedureFormSlice(
      set,
      get,
      {
        load: () => api['incomingSettings.load']({}),
        save: (input) => api['incomingSettings.save'](input),
        formOf: (view: IncomingSettingsView) => toIncomingSettingsForm(view.settings, locale),
        fromView: (view) => ({ secretsSet: view.secretsSet, secretVersions: view.secretVersions }),
        drafts: () => ({ clientSecretDraft: undefined, passwordDrafts: {}, deleted: [] }),
        secretChanges: incomingSecretChanges,
        errors: allIncomingErrors,
      },
      toIncomingSettingsForm(defaultIncomingSettings, locale),
    ),
    secretsSet: { clientSecret: false, passwords: {} },

    setField(key, value) {
      set((s) => ({ form: { ...s.form, [key]: value }, serverErrors: [] }));
    },

    setClientSecretDraft(draft) {
      set((s) => ({
        ...withResults(s, (a) => replacedTypedSecret(a.validation)),
        clientSecretDraft: draft,
        serverErrors: [],
      }));
    },
  });
