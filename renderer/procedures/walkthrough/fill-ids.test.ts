import { describe, expect, it, vi } from 'vitest';
import type { SystemSettingsView } from '../../../shared/contract/settings';
import { defaultSystemSettings } from '../../../shared/settings/system-settings';
import {
  createSystemSettingsStore,
  isDirty,
  type SystemSettingsApi,
} from '../../stores/system-settings';
import { fillAppIds } from './fill-ids';

const CLIENT = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const TENANT = '8a3c5e71-2b4d-4f69-9c1e-5d7a0b3f6e24';

const view = (settings = defaultSystemSettings): SystemSettingsView => ({
  settings,
  secretsSet: { exchangePassword: false, smtpPassword: false, clientSecret: false },
  notices: [],
});

function setup(load: SystemSettingsApi['systemSettings.load']) {
  const api: SystemSettingsApi = {
    'systemSettings.load': vi.fn(load),
    'systemSettings.save': vi.fn(),
  };
  return { api, store: createSystemSettingsStore(api) };
}

describe('fillAppIds', () => {
  it('loads System settings first, then fills rows 21 and 22 unsaved', async () => {
    const { api, store } = setup(async () => view());
    const outcome = await fillAppIds(store, { clientId: CLIENT, tenantId: TENANT });
    expect(api['systemSettings.load']).toHaveBeenCalledOnce();
    expect(store.getState().form).toMatchObject({ clientId: CLIENT, tenantId: TENANT });
    expect(store.getState().saved.clientId).toBe('');
    expect(isDirty(store.getState())).toBe(true);
    expect(outcome).toEqual({
      ok: true,
      message: `Filled in System settings, not saved yet: row 21 Application (client) ID = ${CLIENT}; row 22 Directory (tenant) ID = ${TENANT}. Review and save them there.`,
    });
  });

  it('waits for a load in progress instead of being overwritten by it, and fills one row alone', async () => {
    let finish: (v: SystemSettingsView) => void = () => {};
    const { store } = setup(() => new Promise((resolve) => (finish = resolve)));
    void store.getState().load();
    const filling = fillAppIds(store, { tenantId: TENANT });
    finish(view({ ...defaultSystemSettings, clientId: CLIENT, emailMethod: 'smtp' }));
    const outcome = await filling;
    expect(store.getState().form).toMatchObject({ clientId: CLIENT, tenantId: TENANT });
    expect(outcome.message).toContain('row 22 Directory (tenant) ID');
    expect(outcome.message).not.toContain('row 21');
    expect(outcome.message).toContain('E-mail method (row 14) is not Exchange Online');
  });

  it('keeps edits already in the form and fills nothing when System settings cannot load', async () => {
    const { store } = setup(async () => view());
    await store.getState().load();
    store.getState().setField('serverAddress', 'mail.contoso.com');
    await fillAppIds(store, { clientId: CLIENT });
    expect(store.getState().form.serverAddress).toBe('mail.contoso.com');

    const failing = setup(async () => {
      throw new Error('down');
    });
    const outcome = await fillAppIds(failing.store, { clientId: CLIENT });
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toMatch(/^System settings could not be loaded .*nothing was filled\.$/);
    expect(failing.store.getState().form.clientId).toBe('');
  });
});
