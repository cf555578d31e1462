import { createStore } from 'zustand/vanilla';
import type { Api } from '../../shared/contract';
import type { SystemSettingsView } from '../../shared/contract/settings';
import type { FieldError } from '../../shared/settings/field-error';
import {
  defaultSystemSettings,
  systemSecretKeys,
  toSystemSettingsForm,
  validateSystemSettings,
  type SystemSecretChanges,
  type SystemSecretKey,
  type SystemSecretPresence,
  type SystemSettingsForm,
} from '../../shared/settings/system-settings';
import {
  procedureFormSlice,
  visibleOf,
  withServerErrors,
  type ProcedureFormState,
} from './procedure-form';
import { toSecretChange, type SecretDraft } from './secret-drafts';

export type SystemSettingsApi = Pick<Api, 'systemSettings.load' | 'systemSettings.save'>;

export interface SystemSettingsState extends ProcedureFormState<SystemSettingsForm> {
  secretsSet: SystemSecretPresence;
  secretDrafts: Partial<Record<SystemSecretKey, SecretDraft>>;

  setField<K extends keyof SystemSettingsForm>(key: K, value: SystemSettingsForm[K]): void;
  setSecretDraft(key: SystemSecretKey, draft: SecretDraft | undefined): void;
}

const noSecrets: SystemSecretPresence = {
  exchangePassword: false,
  smtpPassword: false,
  clientSecret: false,
};

export function secretChanges(
  state: Pick<SystemSettingsState, 'secretsSet' | 'secretDrafts'>,
): SystemSecretChanges {
  const changes: SystemSecretChanges = {};
  for (const key of systemSecretKeys) {
    const change = toSecretChange(state.secretsSet[key], state.secretDrafts[key]);
    if (change) changes[key] = change;
  }
  return changes;
}

export const allErrors = (state: SystemSettingsState): FieldError[] =>
  withServerErrors(
    validateSystemSettings(state.form, state.secretsSet, secretChanges(state)).errors,
    state.serverErrors,
  );

/** The errors to show now: all after a save attempt, otherwise those of fields already left. */
export const visibleErrors = (state: SystemSettingsState): FieldError[] =>
  visibleOf(state, allErrors(state));

export function isDirty(state: SystemSettingsState): boolean {
  const changed = (Object.keys(state.form) as (keyof SystemSettingsForm)[]).some(
    (key) => state.form[key] !== state.saved[key],
  );
  return changed || Object.keys(secretChanges(state)).length > 0;
}

export function createSystemSettingsStore(api: SystemSettingsApi) {
  return createStore<SystemSettingsState>((set, get) => ({
    ...procedureFormSlice(
      set,
      get,
      {
        load: () => api['systemSettings.load']({}),
        save: (input) => api['systemSettings.save'](input),
        formOf: (view: SystemSettingsView) => toSystemSettingsForm(view.settings),
        fromView: (view) => ({ secretsSet: view.secretsSet }),
        drafts: () => ({ secretDrafts: {} }),
        secretChanges,
        errors: allErrors,
      },
      toSystemSettingsForm(defaultSystemSettings),
    ),
    secretsSet: noSecrets,
    secretDrafts: {},

    setField(key, value) {
      set((s) => ({ form: { ...s.form, [key]: value }, serverErrors: [] }));
    },

    setSecretDraft(key, draft) {
      set((s) => ({ secretDrafts: { ...s.secretDrafts, [key]: draft }, serverErrors: [] }));
    },
  }));
}

export type SystemSettingsStore = ReturnType<typeof createSystemSettingsStore>;
