import { describe, expect, it, vi } from 'vitest';
import type { RunProgress } from '../../shared/contract/runs';
import type {
  IncomingSettingsView,
  IncomingValidateInput,
  IncomingValidateResult,
} from '../../shared/contract/incoming';
import { defaultIncomingSettings } from '../../shared/settings/incoming-settings';
import { createIncomingSettingsStore } from './incoming-settings';
import { type IncomingSettingsApi } from './incoming/state';
import { currentBasis, staleReasonOf } from './incoming/staleness';
import { incomingErrorsOf } from './incoming/field-errors';
import { incomingSecretChanges } from './incoming/secret-changes';
import { isIncomingDirty } from './incoming/form-slice';

const view: IncomingSettingsView = {
  settings: {
    ...defaultIncomingSettings,
    clientId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
    tenantId: 'contoso.onmicrosoft.com',
  },
  secretsSet: { clientSecret: false, passwords: {} },
  secretVersions: { passwords: {} },
  notices: [],
};

function setup(
  validate: (input: IncomingValidateInput) => Promise<IncomingValidateResult>,
  loaded: IncomingSettingsView = view,
) {
  let n = 0;
  const listeners = new Set<(event: RunProgress) => void>();
  const api: IncomingSettingsApi = {
    'incomingSettings.load': vi.fn(async () => loaded),
    'incomingSettings.save': vi.fn(async () => ({ status: 'saved' as const, view })),
    'incoming.validate': vi.fn(validate),
    'run.cancel': vi.fn(async () => ({ cancelled: true })),
  };
  const store = createIncomingSettingsStore({
    api,
    progress: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    locale: 'sv-SE',
    environment: () => 'demo',
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  });
  return { api, store, emit: (e: RunProgress) => listeners.forEach((l) => l(e)) };
}

const okFor = (input: IncomingValidateInput): IncomingValidateResult => ({
  runId: input.runId,
  outcome: 'done',
  results: input.accountIds.map((id) => ({
    id,
    ok: true,
    total: 3,
    unread: 1,
    newest: ['Hi'],
    lines: ['OK!'],
  })),
});

describe('incoming settings store', () => {
  it('shows the polling interval in the user’s locale and starts clean', async () => {
    const { store } = setup(async (i) => okFor(i));
    await store.getState().load();
    expect(store.getState().form.pollingInterval).toBe('60,00');
    expect(isIncomingDirty(store.getState())).toBe(false);
  });

  it('sets Val. from a result only on rows unchanged while they were checked', async () => {
    let release: () => void = () => {};
    const { store } = setup(
      (input) => new Promise((resolve) => (release = () => resolve(okFor(input)))),
    );
    await store.getState().load();
    const a = store.getState().addRow();
    const b = store.getState().addRow();
    store.getState().editRow(a, { email: 'a@contoso.com', userName: 'a@contoso.com' });
    store.getState().editRow(b, { email: 'b@contoso.com', userName: 'b@contoso.com' });
    const running = store.getState().validate([a, b]);
    expect(store.getState().validation).toEqual({ done: 0, total: 2 });
    store.getState().setPasswordDraft(b, { value: 'typed', clear: false });
    release();
    await running;
    const [rowA, rowB] = store.getState().form.accounts;
    expect(rowA?.validation).toMatchObject({ status: 'ok', total: 3, unread: 1, newest: ['Hi'] });
    expect(rowB?.validation).toBeUndefined();
    expect(store.getState().validation).toBeUndefined();
    expect(store.getState().activeRun).toBeUndefined();
  });

  it('does not count a validation as an unsaved change; an edited row keeps its edit', async () => {
    const id = '00000000-0000-4000-8000-0000000000aa';
    const saved = { id, email: 'a@contoso.com', userName: 'a@contoso.com' };
    const { store } = setup(async (i) => okFor(i), {
      ...view,
      settings: {
        ...view.settings,
        accounts: [{ ...saved, types: ['crm'], available: { all: true } }],
      },
      secretsSet: { clientSecret: false, passwords: { [id]: true } },
    });
    await store.getState().load();
    await store.getState().validate([id]);
    expect(store.getState().form.accounts[0]?.validation?.status).toBe('ok');
    expect(isIncomingDirty(store.getState())).toBe(false);

    const b = store.getState().addRow();
    store.getState().editRow(b, { email: 'b@contoso.com', userName: 'b@contoso.com' });
    await store.getState().validate([b]);
    expect(isIncomingDirty(store.getState())).toBe(true);
    store.getState().revert();
    expect(store.getState().form.accounts.map((r) => r.validation?.status)).toEqual(['ok']);
  });

  it('records what a validation depended on, and shows it out of date once that changes', async () => {
    const id = '00000000-0000-4000-8000-0000000000aa';
    const { store } = setup(async (i) => okFor(i), {
      ...view,
      settings: {
        ...view.settings,
        accounts: [
          {
            id,
            email: 'a@contoso.com',
            userName: 'a@contoso.com',
            types: ['crm'],
            available: { all: true },
          },
        ],
      },
      secretsSet: { clientSecret: false, passwords: { [id]: true } },
      secretVersions: { passwords: { [id]: 'v1' } },
    });
    await store.getState().load();
    await store.getState().validate([id], 'ews');
    const reason = (environment: 'demo' | 'microsoft365' = 'demo') => {
      const state = store.getState();
      const [row] = state.form.accounts;
      return row && staleReasonOf(row, currentBasis(state, environment));
    };
    expect(store.getState().form.accounts[0]?.validation?.basis?.secret).toBe('v1');
    expect(reason()).toBeUndefined();
    expect(reason('microsoft365')).toBe('the environment changed');

    store.getState().setField('serverName', 'mail.contoso.com');
    expect(reason()).toBe('the server settings changed');
    store.getState().setField('serverName', 'outlook.office365.com');
    expect(reason()).toBeUndefined();
    expect(isIncomingDirty(store.getState())).toBe(false);
  });

  it('keeps a result made with a typed Client secret only while that secret is the one typed', async () => {
    const { store } = setup(async (i) => okFor(i), {
      ...view,
      settings: { ...view.settings, authFlow: 'client-secret' },
    });
    await store.getState().load();
    const id = store.getState().addRow();
    store.getState().editRow(id, { email: 'a@contoso.com' });
    store.getState().setClientSecretDraft({ value: 'typed-1', clear: false });
    await store.getState().validate([id], 'ews');
    const reason = () => {
      const state = store.getState();
      const [row] = state.form.accounts;
      return row && staleReasonOf(row, currentBasis(state, 'demo'));
    };
    expect(reason()).toBeUndefined();
    store.getState().setClientSecretDraft({ value: 'typed-2', clear: false });
    expect(reason()).toBe('the Client secret changed');
    expect(JSON.stringify(store.getState().form)).not.toContain('typed-');
  });

  it('counts progress events of its own run only', async () => {
    let release: () => void = () => {};
    const { store, emit } = setup(
      (input) => new Promise((resolve) => (release = () => resolve(okFor(input)))),
    );
    await store.getState().load();
    const id = store.getState().addRow();
    const running = store.getState().validate([id]);
    const runId = store.getState().activeRun?.runId ?? '';
    emit({ runId: 'another', kind: 'account', done: 5, total: 9 });
    emit({ runId, kind: 'account', done: 1, total: 1 });
    expect(store.getState().validation?.done).toBe(1);
    release();
    await running;
  });

  it('deletes a row with undo until save, and sends only the changed passwords', async () => {
    const { store, api } = setup(async (i) => okFor(i));
    await store.getState().load();
    const a = store.getState().addRow();
    const b = store.getState().addRow();
    store.getState().setPasswordDraft(a, { value: 'pw-a', clear: false });
    store.getState().deleteRow(b);
    expect(store.getState().form.accounts.map((x) => x.id)).toEqual([a]);
    store.getState().undoDelete();
    expect(store.getState().form.accounts.map((x) => x.id)).toEqual([a, b]);
    expect(incomingSecretChanges(store.getState())).toEqual({
      passwords: { [a]: { action: 'set', value: 'pw-a' } },
    });
    // Empty rows cannot be saved: each required cell says Incorrect value.
    await store.getState().save();
    expect(api['incomingSettings.save']).not.toHaveBeenCalled();
    expect(incomingErrorsOf(store.getState()).visible).toContainEqual({
      field: `accounts.${b}.email`,
      message: 'Incorrect value: enter the mailbox’s address, e.g. orders@contoso.com',
    });
    expect(store.getState().panelOpen).toBe(true);
  });
});
