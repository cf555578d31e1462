import {
  editAccount,
  newIncomingAccount,
  type AccountEdit,
  type IncomingAccount,
} from '../../../shared/settings/incoming-settings';
import type { SecretDraft } from '../secret-drafts';
import type { IncomingSettingsState, IncomingSlice } from './state';

/** The E-mail accounts grid: its rows, their typed passwords, the selection and Undo delete. */
export interface IncomingGridSlice {
  /** Keyed by account id. */
  passwordDrafts: Record<string, SecretDraft | undefined>;
  /** Rows deleted since the last save, newest last, with where they stood: Undo puts them back. */
  deleted: { account: IncomingAccount; index: number }[];
  selectedId?: string;
  /** The grid shows only the rows whose last validation failed. */
  showFailedOnly: boolean;
  /** Appends an empty row, selects it and answers its id. */
  addRow(): string;
  editRow(id: string, edit: AccountEdit): void;
  setPasswordDraft(id: string, draft: SecretDraft | undefined): void;
  deleteRow(id: string): void;
  undoDelete(): void;
  select(id: string): void;
  setShowFailedOnly(on: boolean): void;
}

type Accounts = IncomingAccount[];
/** What an action changes; undefined when it has nothing to do, so nobody is told of a change. */
type Change = Partial<IncomingSettingsState> | undefined;

/** The rows after an edit; main's errors stand only until the next edit. */
const withAccounts = (s: IncomingSettingsState, update: (accounts: Accounts) => Accounts) => ({
  form: { ...s.form, accounts: update(s.form.accounts) },
  serverErrors: [],
});

/** The row deleted, and which row is selected after it: the next, else the one before. */
function deletion(s: IncomingSettingsState, id: string): Change {
  const index = s.form.accounts.findIndex((a) => a.id === id);
  const account = s.form.accounts[index];
  if (!account) return undefined;
  const next = s.form.accounts[index + 1] ?? s.form.accounts[index - 1];
  return {
    ...withAccounts(s, (accounts) => accounts.filter((a) => a.id !== id)),
    deleted: [...s.deleted, { account, index }],
    selectedId: s.selectedId === id ? next?.id : s.selectedId,
  };
}

/** The last deleted row put back where it stood, selected. */
function undoneDeletion(s: IncomingSettingsState): Change {
  const last = s.deleted.at(-1);
  if (!last) return undefined;
  return {
    ...withAccounts(s, (accounts) => [
      ...accounts.slice(0, last.index),
      last.account,
      ...accounts.slice(last.index),
    ]),
    deleted: s.deleted.slice(0, -1),
    selectedId: last.account.id,
  };
}

const editOf = (id: string, edit: AccountEdit, passwordChanged?: boolean) => (accounts: Accounts) =>
  accounts.map((a) => (a.id === id ? editAccount(a, edit, passwordChanged) : a));

export const gridSlice =
  (newId: () => string): IncomingSlice<IncomingGridSlice> =>
  (set, get) => ({
    passwordDrafts: {},
    deleted: [],
    showFailedOnly: false,
    addRow() {
      const row = newIncomingAccount(newId());
      set((s) => ({ ...withAccounts(s, (accounts) => [...accounts, row]), selectedId: row.id }));
      return row.id;
    },
    editRow(id, edit) {
      set((s) => withAccounts(s, editOf(id, edit)));
    },
    setPasswordDraft(id, draft) {
      set((s) => ({
        ...withAccounts(s, editOf(id, {}, true)),
        passwordDrafts: { ...s.passwordDrafts, [id]: draft },
      }));
    },
    deleteRow(id) {
      const change = deletion(get(), id);
      if (change) set(change);
    },
    undoDelete() {
      const change = undoneDeletion(get());
      if (change) set(change);
    },
    select(id) {
      if (get().selectedId !== id) set({ selectedId: id });
    },
    setShowFailedOnly(on) {
      set({ showFailedOnly: on });
    },
  });
