import { describe, expect, it } from 'vitest';
import { shallow } from 'zustand/shallow';
import { defaultIncomingSettings } from '../../../shared/settings/incoming-settings';
import { createIncomingSettingsStore } from '../incoming-settings';
import { rowErrorsOf } from './field-errors';
import { rowViewOf } from './row-view';

function setup() {
  let n = 0;
  return createIncomingSettingsStore({
    api: {
      'incomingSettings.load': async () => ({
        settings: defaultIncomingSettings,
        secretsSet: { clientSecret: false, passwords: {} },
        secretVersions: { passwords: {} },
        notices: [],
      }),
      'incomingSettings.save': async () => ({ status: 'invalid', errors: [] }),
      'incoming.validate': async (input) => ({ runId: input.runId, outcome: 'done', results: [] }),
      'run.cancel': async () => ({ cancelled: true }),
    },
    progress: () => () => {},
    locale: 'en-US',
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  });
}

describe('a grid row’s own data', () => {
  it('stays shallow-equal while another row is edited', async () => {
    const store = setup();
    await store.getState().load();
    const a = store.getState().addRow();
    const b = store.getState().addRow();
    store.getState().touch(`accounts.${a}.email`);
    const before = store.getState();
    store.getState().editRow(b, { email: 'b@contoso.com' });
    const after = store.getState();
    expect(rowErrorsOf(after, a)).toEqual({
      email: 'Incorrect value: enter the mailbox’s address, e.g. orders@contoso.com',
    });
    expect(shallow(rowErrorsOf(before, a), rowErrorsOf(after, a))).toBe(true);
    expect(shallow(rowViewOf(before, a, 0, 'demo'), rowViewOf(after, a, 0, 'demo'))).toBe(true);
    expect(shallow(rowViewOf(before, b, 1, 'demo'), rowViewOf(after, b, 1, 'demo'))).toBe(false);
  });

  it('finds a row that no longer stands where it was drawn', async () => {
    const store = setup();
    await store.getState().load();
    const a = store.getState().addRow();
    const b = store.getState().addRow();
    store.getState().deleteRow(a);
    expect(rowViewOf(store.getState(), b, 1, undefined).account?.id).toBe(b);
  });
});
