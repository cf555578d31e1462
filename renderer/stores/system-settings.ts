import { createStore } from 'zustand/vanilla';
import { ApiError } from '../../shared/contract/client';
import type { Api } from '../../shared/contract';
import type { SystemSettingsView } from '../../shared/contract/settings';
import type { FieldError } from '../../shared/settings/field-error';
import {
  defaultSystemSettings,
  systemSecretKeys,
  toSystemSettingsForm,
  validateSystemSettings,
  type SystemFieldKey,
  type SystemSecretChanges,
  type SystemSecretKey,
  type SystemSecretPresence,
  type SystemSettingsForm,
} from '../../shared/settings/system-settings';
import { toSecretChange, type SecretDraft } from './secret-drafts';

export type SystemSettingsApi = Pick<Api, 'systemSettings.load' | 'systemSettings.save'>;

export interface SystemSettingsState {
  phase: 'idle' | 'loading' | 'ready' | 'load-failed';
  loadError?: string;
  /** The last saved values the form started from. */
  saved: SystemSettingsForm;
  secretsSet: SystemSecretPresence;
  form: SystemSettingsForm;
  secretDrafts: Partial<Record<SystemSecretKey, SecretDraft>>;
  /** Fields the person has left; their errors show inline. */
  touched: Partial<Record<SystemFieldKey, true>>;
  /** Set by a save attempt: every error shows, not only those of touched fields. */
  showAllErrors: boolean;
  /** Errors main answered with; they stand until the next edit. */
  serverErrors: FieldError[];
  panelOpen: boolean;
  saving: boolean;
  saveError?: string;
  /** Increments on each successful save so the toolbar can flash "Saved". */
  savedCount: number;
  notices: string[];

  load(): Promise<void>;
  setField<K extends keyof SystemSettingsForm>(key: K, value: SystemSettingsForm[K]): void;
  touch(key: SystemFieldKey): void;
  setSecretDraft(key: SystemSecretKey, draft: SecretDraft | undefined): void;
  save(): Promise<void>;
  revert(): void;
  setPanelOpen(open: boolean): void;
  dismissNotice(index: number): void;
  dismissSaveError(): void;
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

export function allErrors(state: SystemSettingsState): FieldError[] {
  const { errors } = validateSystemSettings(state.form, state.secretsSet, secretChanges(state));
  const fromServer = state.serverErrors.filter((s) => !errors.some((e) => e.field === s.field));
  return [...errors, ...fromServer];
}

/** The errors to show now: all after a save attempt, otherwise those of fields already left. */
export function visibleErrors(state: SystemSettingsState): FieldError[] {
  const errors = allErrors(state);
  if (state.showAllErrors) return errors;
  return errors.filter(
    (e) => state.touched[e.field as SystemFieldKey] || state.serverErrors.includes(e),
  );
}

export function isDirty(state: SystemSettingsState): boolean {
  const changed = (Object.keys(state.form) as (keyof SystemSettingsForm)[]).some(
    (key) => state.form[key] !== state.saved[key],
  );
  return changed || Object.keys(secretChanges(state)).length > 0;
}

const messageOf = (error: unknown) =>
  error instanceof ApiError
    ? error.message
    : 'Something went wrong. Your changes are still in the form.';

const freshForm = (view: SystemSettingsView) => {
  const form = toSystemSettingsForm(view.settings);
  return {
    saved: form,
    form,
    secretsSet: view.secretsSet,
    secretDrafts: {},
    touched: {},
    showAllErrors: false,
    serverErrors: [],
    panelOpen: false,
  };
};

export function createSystemSettingsStore(api: SystemSettingsApi) {
  const initial = toSystemSettingsForm(defaultSystemSettings);
  return createStore<SystemSettingsState>((set, get) => ({
    phase: 'idle',
    saved: initial,
    form: initial,
    secretsSet: noSecrets,
    secretDrafts: {},
    touched: {},
    showAllErrors: false,
    serverErrors: [],
    panelOpen: false,
    saving: false,
    savedCount: 0,
    notices: [],

    async load() {
      set({ phase: 'loading', loadError: undefined });
      try {
        const view = await api['systemSettings.load']({});
        set({ ...freshForm(view), phase: 'ready', notices: view.notices });
      } catch (error) {
        set({ phase: 'load-failed', loadError: messageOf(error) });
      }
    },

    setField(key, value) {
      set((s) => ({ form: { ...s.form, [key]: value }, serverErrors: [] }));
    },

    touch(key) {
      if (!get().touched[key]) set((s) => ({ touched: { ...s.touched, [key]: true } }));
    },

    setSecretDraft(key, draft) {
      set((s) => ({ secretDrafts: { ...s.secretDrafts, [key]: draft }, serverErrors: [] }));
    },

    async save() {
      const state = get();
      if (state.saving) return;
      if (allErrors(state).length > 0) {
        set({ showAllErrors: true, panelOpen: true });
        return;
      }
      set({ saving: true, saveError: undefined });
      try {
        const result = await api['systemSettings.save']({
          form: state.form,
          secrets: secretChanges(state),
        });
        if (result.status === 'invalid') {
          set({ serverErrors: result.errors, showAllErrors: true, panelOpen: true });
        } else {
          set((s) => ({ ...freshForm(result.view), savedCount: s.savedCount + 1 }));
        }
      } catch (error) {
        set({ saveError: messageOf(error) });
      } finally {
        set({ saving: false });
      }
    },

    revert() {
      set((s) => ({
        form: s.saved,
        secretDrafts: {},
        touched: {},
        showAllErrors: false,
        serverErrors: [],
        panelOpen: false,
        saveError: undefined,
      }));
    },

    setPanelOpen(open) {
      set({ panelOpen: open });
    },

    dismissNotice(index) {
      set((s) => ({ notices: s.notices.filter((_, i) => i !== index) }));
    },

    dismissSaveError() {
      set({ saveError: undefined });
    },
  }));
}

export type SystemSettingsStore = ReturnType<typeof createSystemSettingsStore>;
