import { createStore } from 'zustand/vanilla';
import type { Api } from '../../shared/contract';
import type { ConnectionRow, NetworkView } from '../../shared/contract/network';
import type { FieldError } from '../../shared/settings/field-error';
import {
  defaultNetworkSettings,
  networkSettingsErrors,
  type NetworkSettings,
} from '../../shared/settings/network';
import type { SecretChange } from '../../shared/settings/secrets';
import { messageOf } from './error-message';
import {
  procedureFormSlice,
  visibleOf,
  withServerErrors,
  type ProcedureFormState,
} from './procedure-form';
import { toSecretChange, type SecretDraft } from './secret-drafts';

export type NetworkApi = Pick<Api, 'network.load' | 'network.save' | 'network.checkConnections'>;

/** Check connections: idle until asked, then the rows of the last check or why it failed. */
export type ConnectionsCheck =
  | { phase: 'idle' | 'checking' }
  | { phase: 'done'; rows: ConnectionRow[] }
  | { phase: 'failed'; error: string };

export interface NetworkSettingsState extends ProcedureFormState<NetworkSettings> {
  passwordSet: boolean;
  passwordDraft?: SecretDraft;
  /** Where the saved setting comes from, and the trust store, as main words them. */
  source: string;
  trustStore: string;
  connections: ConnectionsCheck;

  setField<K extends keyof NetworkSettings>(key: K, value: NetworkSettings[K]): void;
  setPasswordDraft(draft: SecretDraft | undefined): void;
  checkConnections(): Promise<void>;
}

export const CHECK_FAILED = 'Check connections could not run. Try again.';

export const passwordChange = (
  state: Pick<NetworkSettingsState, 'passwordSet' | 'passwordDraft'>,
): SecretChange | undefined => toSecretChange(state.passwordSet, state.passwordDraft);

export const allErrors = (state: NetworkSettingsState): FieldError[] =>
  withServerErrors(networkSettingsErrors(state.form), state.serverErrors);

/** The errors to show now: all after a save attempt, otherwise those of fields already left. */
export const visibleErrors = (state: NetworkSettingsState): FieldError[] =>
  visibleOf(state, allErrors(state));

export function isDirty(state: NetworkSettingsState): boolean {
  const changed = (Object.keys(state.form) as (keyof NetworkSettings)[]).some(
    (key) => state.form[key] !== state.saved[key],
  );
  return changed || passwordChange(state) !== undefined;
}

const viewState = (view: NetworkView): Partial<NetworkSettingsState> => ({
  passwordSet: view.passwordSet,
  source: view.source,
  trustStore: view.trustStore,
});

export function createNetworkSettingsStore(api: NetworkApi) {
  return createStore<NetworkSettingsState>((set, get) => ({
    ...procedureFormSlice(
      set,
      get,
      {
        load: () => api['network.load']({}),
        save: ({ form, secrets: password }) =>
          api['network.save'](password ? { form, password } : { form }),
        formOf: (view: NetworkView) => view.settings,
        fromView: viewState,
        drafts: () => ({ passwordDraft: undefined }),
        secretChanges: passwordChange,
        errors: allErrors,
      },
      defaultNetworkSettings,
    ),
    passwordSet: false,
    source: '',
    trustStore: '',
    connections: { phase: 'idle' },

    setField(key, value) {
      set((s) => ({ form: { ...s.form, [key]: value }, serverErrors: [] }));
    },

    setPasswordDraft(draft) {
      set({ passwordDraft: draft, serverErrors: [] });
    },

    async checkConnections() {
      if (get().connections.phase === 'checking') return;
      set({ connections: { phase: 'checking' } });
      try {
        const { rows } = await api['network.checkConnections']({});
        set({ connections: { phase: 'done', rows } });
      } catch (error) {
        set({ connections: { phase: 'failed', error: messageOf(error, CHECK_FAILED) } });
      }
    },
  }));
}

export type NetworkSettingsStore = ReturnType<typeof createNetworkSettingsStore>;
