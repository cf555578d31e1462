import { createStore } from 'zustand/vanilla';
import type { Api } from '../../shared/contract';
import type { Environment } from '../../shared/contract/environment';
import type { AccountCheckResult, IncomingSettingsView } from '../../shared/contract/incoming';
import type { MailApi } from '../../shared/settings/check-dialog';
import type { FieldError } from '../../shared/settings/field-error';
import {
  defaultIncomingSettings,
  editAccount,
  newIncomingAccount,
  toIncomingSettingsForm,
  validateIncomingSettings,
  type AccountEdit,
  type AccountValidation,
  type IncomingAccount,
  type IncomingSecretChanges,
  type IncomingSecretPresence,
  type IncomingSettingsForm,
} from '../../shared/settings/incoming-settings';
import {
  REPLACED_SECRET,
  UNSAVED_SECRET,
  basisOf,
  staleReason,
  usesClientSecret,
  type SecretVersions,
  type ValidationBasis,
} from '../../shared/settings/validation-basis';
import { messageOf } from './error-message';
import {
  STILL_IN_FORM,
  procedureFormSlice,
  visibleOf,
  withServerErrors,
  type ProcedureFormState,
} from './procedure-form';
import { runSlice, type RunProgressSource, type RunSliceState } from './run-slice';
import { toSecretChange, type SecretDraft } from './secret-drafts';

export type IncomingSettingsApi = Pick<
  Api,
  'incomingSettings.load' | 'incomingSettings.save' | 'incoming.validate' | 'run.cancel'
>;

type ServerForm = Omit<IncomingSettingsForm, 'accounts'>;

/** How far a Validate selected / Validate all in progress is. */
export interface ValidationProgress {
  done: number;
  total: number;
}

export interface IncomingSettingsState
  extends ProcedureFormState<IncomingSettingsForm>, RunSliceState {
  secretsSet: IncomingSecretPresence;
  secretVersions: SecretVersions;
  clientSecretDraft?: SecretDraft;
  /** Keyed by account id. */
  passwordDrafts: Record<string, SecretDraft | undefined>;
  /** Rows deleted since the last save, newest last, with where they stood: Undo puts them back. */
  deleted: { account: IncomingAccount; index: number }[];
  selectedId?: string;
  /** Set while a validation runs (activeRun names it). */
  validation?: ValidationProgress;
  /** Why the last validation did not run (e.g. Exchange on-premises), or why its call failed. */
  runMessage?: string;
  /** What the last Validate all found, until the next validation. */
  summary?: ValidationSummary;
  /** The grid shows only the rows whose last validation failed. */
  showFailedOnly: boolean;

  setField<K extends keyof ServerForm>(key: K, value: ServerForm[K]): void;
  setClientSecretDraft(draft: SecretDraft | undefined): void;
  /** Appends an empty row, selects it and answers its id. */
  addRow(): string;
  editRow(id: string, edit: AccountEdit): void;
  setPasswordDraft(id: string, draft: SecretDraft | undefined): void;
  deleteRow(id: string): void;
  undoDelete(): void;
  select(id: string): void;
  /** Validates the rows; `through` picks EWS or Microsoft Graph for Exchange Online. */
  validate(ids: string[], through?: MailApi): Promise<void>;
  dismissRunMessage(): void;
  setShowFailedOnly(on: boolean): void;
}

/** Validate all's summary ("198 validated, 2 failed"). */
export interface ValidationSummary {
  validated: number;
  failed: number;
}

const MAX_REASON = 2000;

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

export const allIncomingErrors = (state: IncomingSettingsState): FieldError[] =>
  withServerErrors(
    validateIncomingSettings(state.form, state.secretsSet, incomingSecretChanges(state)).errors,
    state.serverErrors,
  );

/** The errors to show now: all after a save attempt, otherwise those of fields already left. */
export const visibleIncomingErrors = (state: IncomingSettingsState): FieldError[] =>
  visibleOf(state, allIncomingErrors(state));

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

/** What a row's validation was about; a result is applied only if the row still says this. */
const credentialsOf = (account: IncomingAccount, draft: SecretDraft | undefined) =>
  JSON.stringify([account.email, account.userName, draft?.value ?? null, draft?.clear ?? false]);

const validationOf = (
  result: AccountCheckResult,
  at: string,
  basis: ValidationBasis | undefined,
): AccountValidation => {
  const made = basis ? { at, basis } : { at };
  return result.ok
    ? {
        status: 'ok',
        ...made,
        total: result.total ?? 0,
        unread: result.unread ?? 0,
        newest: (result.newest ?? []).slice(0, 10).map((s) => s.slice(0, 998)),
      }
    : {
        status: 'failed',
        ...made,
        reason: result.lines.join('\n').slice(0, MAX_REASON),
        ...(result.facts ? { facts: result.facts } : {}),
      };
};

type BasisState = Pick<
  IncomingSettingsState,
  'form' | 'secretsSet' | 'secretVersions' | 'clientSecretDraft' | 'passwordDrafts'
>;

/**
 * The basis a validation of each row would have now (validation-basis.ts): the version of the
 * stored secret it reads, or `unsaved` while a typed one would replace it.
 */
export function currentBasis(
  state: BasisState,
  environment: Environment,
): (account: IncomingAccount) => ValidationBasis {
  const { form, secretsSet, secretVersions } = state;
  const typed = (stored: boolean, draft: SecretDraft | undefined) =>
    toSecretChange(stored, draft) !== undefined;
  if (usesClientSecret(form)) {
    const secret = typed(secretsSet.clientSecret, state.clientSecretDraft)
      ? UNSAVED_SECRET
      : (secretVersions.clientSecret ?? '');
    const basis = basisOf(form, environment, secret);
    return () => basis;
  }
  const server = basisOf(form, environment, '');
  return ({ id }) => ({
    ...server,
    secret: typed(secretsSet.passwords[id] ?? false, state.passwordDrafts[id])
      ? UNSAVED_SECRET
      : (secretVersions.passwords[id] ?? ''),
  });
}

/** Why the row's Val. is out of date (e.g. "the server settings changed"), if it is. */
export const staleReasonOf = (
  account: IncomingAccount,
  current: (account: IncomingAccount) => ValidationBasis,
): string | undefined =>
  account.validation && staleReason(account.validation.basis, current(account));

/**
 * Validation results are not edits (SCREENS.md §3): a row the person has not changed since the
 * last save gets its result in the saved values too, so it does not count as unsaved; the
 * result is written with the next save. An edited row gets it in the form only.
 */
function withResults(
  state: Pick<IncomingSettingsState, 'form' | 'saved'>,
  resultOf: (account: IncomingAccount) => AccountValidation | undefined,
): Pick<IncomingSettingsState, 'form' | 'saved'> {
  const updated = new Map<IncomingAccount, IncomingAccount>();
  const accounts = state.form.accounts.map((account) => {
    const validation = resultOf(account);
    if (!validation) return account;
    const next = { ...account, validation };
    updated.set(account, next);
    return next;
  });
  // Rows are compared by identity: an unchanged row is the very object the saved values hold.
  const saved = state.saved.accounts.map((a) => updated.get(a) ?? a);
  return { form: { ...state.form, accounts }, saved: { ...state.saved, accounts: saved } };
}

const summaryOf = (results: readonly AccountCheckResult[]): ValidationSummary => {
  const failed = results.filter((r) => !r.ok).length;
  return { validated: results.length - failed, failed };
};

export interface IncomingStoreOptions {
  api: IncomingSettingsApi;
  progress: RunProgressSource;
  /** The locale the polling interval is shown in. */
  locale: string;
  /** Told after each validation run (a new Test log line per account). */
  onValidated?: () => void;
  /** The environment the checks talk to now; a result records it (validation-basis.ts). */
  environment?: () => Environment | undefined;
  newId?: () => string;
}

export function createIncomingSettingsStore(options: IncomingStoreOptions) {
  const { api, progress, locale } = options;
  const newId = options.newId ?? (() => globalThis.crypto.randomUUID());

  return createStore<IncomingSettingsState>((set, get) => {
    const runs = runSlice<IncomingSettingsState>(set, get, { api, progress, newRunId: newId });
    const setAccounts = (update: (accounts: IncomingAccount[]) => IncomingAccount[]) =>
      set((s) => ({ form: { ...s.form, accounts: update(s.form.accounts) }, serverErrors: [] }));

    return {
      ...procedureFormSlice(
        set,
        get,
        {
          load: () => api['incomingSettings.load']({}),
          save: (input) => api['incomingSettings.save'](input),
          formOf: (view: IncomingSettingsView) => toIncomingSettingsForm(view.settings, locale),
          fromView: (view) => ({
            secretsSet: view.secretsSet,
            secretVersions: view.secretVersions,
          }),
          drafts: () => ({ clientSecretDraft: undefined, passwordDrafts: {}, deleted: [] }),
          secretChanges: incomingSecretChanges,
          errors: allIncomingErrors,
        },
        toIncomingSettingsForm(defaultIncomingSettings, locale),
      ),
      ...runs.state,
      secretsSet: { clientSecret: false, passwords: {} },
      secretVersions: { passwords: {} },
      passwordDrafts: {},
      deleted: [],
      showFailedOnly: false,

      setField(key, value) {
        set((s) => ({ form: { ...s.form, [key]: value }, serverErrors: [] }));
      },

      setClientSecretDraft(draft) {
        // A result made with the secret typed before no longer describes what a save would store.
        const replaced = (validation: AccountValidation | undefined) =>
          validation?.basis?.secret === UNSAVED_SECRET && validation.basis.flow === 'client-secret'
            ? { ...validation, basis: { ...validation.basis, secret: REPLACED_SECRET } }
            : undefined;
        set((s) => ({
          ...withResults(s, (a) => replaced(a.validation)),
          clientSecretDraft: draft,
          serverErrors: [],
        }));
      },

      addRow() {
        const row = newIncomingAccount(newId());
        setAccounts((accounts) => [...accounts, row]);
        set({ selectedId: row.id });
        return row.id;
      },

      editRow(id, edit) {
        setAccounts((accounts) => accounts.map((a) => (a.id === id ? editAccount(a, edit) : a)));
      },

      setPasswordDraft(id, draft) {
        set((s) => ({
          passwordDrafts: { ...s.passwordDrafts, [id]: draft },
          form: {
            ...s.form,
            accounts: s.form.accounts.map((a) => (a.id === id ? editAccount(a, {}, true) : a)),
          },
          serverErrors: [],
        }));
      },

      deleteRow(id) {
        const { form, selectedId } = get();
        const index = form.accounts.findIndex((a) => a.id === id);
        const account = form.accounts[index];
        if (!account) return;
        const next = form.accounts[index + 1] ?? form.accounts[index - 1];
        set((s) => ({
          deleted: [...s.deleted, { account, index }],
          selectedId: selectedId === id ? next?.id : selectedId,
        }));
        setAccounts((accounts) => accounts.filter((a) => a.id !== id));
      },

      undoDelete() {
        const last = get().deleted.at(-1);
        if (!last) return;
        set((s) => ({ deleted: s.deleted.slice(0, -1), selectedId: last.account.id }));
        setAccounts((accounts) => [
          ...accounts.slice(0, last.index),
          last.account,
          ...accounts.slice(last.index),
        ]);
      },

      select(id) {
        if (get().selectedId !== id) set({ selectedId: id });
      },

      async validate(ids, through) {
        const state = get();
        if (ids.length === 0) return;
        const asked = new Map(
          state.form.accounts
            .filter((a) => ids.includes(a.id))
            .map((a) => [a.id, credentialsOf(a, state.passwordDrafts[a.id])]),
        );
        const environment = options.environment?.();
        const basis = environment && currentBasis(state, environment);
        const answer = runs.track(
          (runId) =>
            api['incoming.validate']({
              runId,
              form: state.form,
              secrets: incomingSecretChanges(state),
              accountIds: ids,
              ...(state.form.service === 'exchange-online' && through ? { through } : {}),
            }),
          (event) => {
            if (event.kind === 'account')
              set({ validation: { done: event.done, total: event.total } });
          },
        );
        if (!answer) return;
        set({
          validation: { done: 0, total: ids.length },
          runMessage: undefined,
          summary: undefined,
          showFailedOnly: false,
        });
        try {
          const result = await answer;
          if (result.outcome === 'invalid') {
            const touched = Object.fromEntries(
              (result.errors ?? []).map((e) => [e.field, true as const]),
            );
            set((s) => ({ touched: { ...s.touched, ...touched }, panelOpen: true }));
          }
          if (result.outcome === 'unsupported') set({ runMessage: result.message });
          if (ids.length > 1) set({ summary: summaryOf(result.results) });
          const at = new Date().toISOString();
          const byId = new Map(result.results.map((r) => [r.id, r]));
          set((s) =>
            withResults(s, (a) => {
              const found = byId.get(a.id);
              // A row edited while it was checked keeps no verdict about its old values.
              if (!found || asked.get(a.id) !== credentialsOf(a, s.passwordDrafts[a.id]))
                return undefined;
              return validationOf(found, at, basis?.(a));
            }),
          );
        } catch (error) {
          set({ runMessage: messageOf(error, STILL_IN_FORM) });
        } finally {
          set({ validation: undefined });
          options.onValidated?.();
        }
      },

      dismissRunMessage() {
        set({ runMessage: undefined });
      },

      setShowFailedOnly(on) {
        set({ showFailedOnly: on });
      },
    };
  });
}

export type IncomingSettingsStore = ReturnType<typeof createIncomingSettingsStore>;
