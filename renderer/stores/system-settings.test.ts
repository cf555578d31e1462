import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../shared/contract/client';
import type { SystemSettingsView } from '../../shared/contract/settings';
import { defaultSystemSettings } from '../../shared/settings/system-settings';
import {
  createSystemSettingsStore,
  isDirty,
  visibleErrors,
  type SystemSettingsApi,
} from './system-settings';

const view = (overrides: Partial<SystemSettingsView> = {}): SystemSettingsView => ({
  settings: {
    ...defaultSystemSettings,
    clientId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
    tenantId: 'contoso.onmicrosoft.com',
  },
  secretsSet: { exchangePassword: false, smtpPassword: false, clientSecret: true },
  notices: [],
  ...overrides,
});

function setup(save: SystemSettingsApi['systemSettings.save'] = vi.fn()) {
  const api: SystemSettingsApi = {
    'systemSettings.load': vi.fn(async () =>
      view({ notices: ['Your settings file was damaged.'] }),
    ),
    'systemSettings.save': save,
  };
  const store = createSystemSettingsStore(api);
  return { store, api };
}

describe('system settings store', () => {
  it('loads the view into a clean form and keeps the notices', async () => {
    const { store } = setup();
    await store.getState().load();
    const state = store.getState();
    expect(state.phase).toBe('ready');
    expect(state.form.port).toBe('0');
    expect(state.notices).toEqual(['Your settings file was damaged.']);
    expect(isDirty(state)).toBe(false);
  });

  it('shows an error only once its field is left, and all of them after a refused save', async () => {
    const save = vi.fn();
    const { store } = setup(save);
    await store.getState().load();
    store.getState().setField('clientId', '');
    store.getState().setField('tenantId', '');
    expect(visibleErrors(store.getState())).toEqual([]);

    store.getState().touch('clientId');
    expect(visibleErrors(store.getState()).map((e) => e.message)).toEqual([
      'Application (client) ID is missing: copy it from the app registration’s Overview in Entra ID',
    ]);

    await store.getState().save();
    expect(save).not.toHaveBeenCalled();
    expect(store.getState().panelOpen).toBe(true);
    expect(visibleErrors(store.getState())).toHaveLength(2);
  });

  it('sends only changed secrets, and never the mask', async () => {
    const save = vi.fn(async () => ({ status: 'saved' as const, view: view() }));
    const { store } = setup(save);
    await store.getState().load();
    store.getState().setSecretDraft('exchangePassword', { value: 'new-pass', clear: false });
    store.getState().setSecretDraft('smtpPassword', { value: '', clear: false });
    store.getState().setSecretDraft('clientSecret', { value: '', clear: true });
    expect(isDirty(store.getState())).toBe(true);

    await store.getState().save();
    expect(save).toHaveBeenCalledWith({
      form: expect.objectContaining({ tenantId: 'contoso.onmicrosoft.com' }),
      secrets: {
        exchangePassword: { action: 'set', value: 'new-pass' },
        clientSecret: { action: 'clear' },
      },
    });
    expect(store.getState().secretDrafts).toEqual({});
    expect(store.getState().savedCount).toBe(1);
  });

  it("shows main's validation errors as its own", async () => {
    const save = vi.fn(async () => ({
      status: 'invalid' as const,
      errors: [
        {
          field: 'serverAddress',
          message:
            'Server address is missing: enter a host name such as outlook.office365.com, or an IP address',
        },
      ],
    }));
    const { store } = setup(save);
    await store.getState().load();
    store.getState().setField('useSsl', true);
    await store.getState().save();
    expect(visibleErrors(store.getState())).toEqual([
      {
        field: 'serverAddress',
        message:
          'Server address is missing: enter a host name such as outlook.office365.com, or an IP address',
      },
    ]);
    expect(store.getState().panelOpen).toBe(true);
  });

  it('keeps the form and reports the message when saving fails', async () => {
    const save = vi.fn(async () => {
      throw new ApiError({ code: 'keychain-unavailable', message: 'The keychain is locked.' });
    });
    const { store } = setup(save);
    await store.getState().load();
    store.getState().setField('backupSender', 'erp@contoso.com');
    await store.getState().save();
    expect(store.getState().saveError).toBe('The keychain is locked.');
    expect(store.getState().form.backupSender).toBe('erp@contoso.com');
    expect(isDirty(store.getState())).toBe(true);
  });

  it('reverts edits and pending secret changes to the last saved state', async () => {
    const { store } = setup();
    await store.getState().load();
    store.getState().setField('dateFormat', 'week');
    store.getState().setSecretDraft('clientSecret', { value: 'x', clear: false });
    store.getState().revert();
    expect(store.getState().form.dateFormat).toBe('date');
    expect(isDirty(store.getState())).toBe(false);
  });
});
