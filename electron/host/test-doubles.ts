import { defaultSystemSettings, toSystemSettingsForm } from '../../shared/settings/system-settings';
import type { Api, MethodName } from '../../shared/contract';
import type { SystemSettingsView } from '../../shared/contract/settings';
import type {
  AppInfo,
  SystemSettingsSaveInput,
  SystemSettingsService,
} from '../services/contracts';
import { createHandlers } from './handlers';

/** A System settings service that keeps everything in memory and accepts every save. */
export function inMemorySystemSettings(): SystemSettingsService & {
  saves: SystemSettingsSaveInput[];
} {
  const saves: SystemSettingsSaveInput[] = [];
  let view: SystemSettingsView = {
    settings: defaultSystemSettings,
    secretsSet: { exchangePassword: false, smtpPassword: false, clientSecret: false },
    notices: [],
  };
  return {
    saves,
    load: async () => view,
    save: async (input) => {
      saves.push(input);
      view = { ...view, settings: { ...view.settings, serverAddress: input.form.serverAddress } };
      return { status: 'saved', view };
    },
  };
}

export const testAppInfo: AppInfo = {
  name: 'ERP Mail Settings',
  version: '0.0.0-test',
  transport: 'browser',
  settingsFile: '/tmp/settings.json',
};

export const testHandlers = () =>
  createHandlers({ appInfo: testAppInfo, systemSettings: inMemorySystemSettings() });

/** A valid input for every contract method; typed so that a new method needs one here. */
export const sampleInputs = {
  'app.info': {},
  'systemSettings.load': {},
  'systemSettings.save': {
    form: { ...toSystemSettingsForm(defaultSystemSettings), serverAddress: 'mail.example.com' },
    secrets: { clientSecret: { action: 'set', value: 's3cret-value' } },
  },
} satisfies { [M in MethodName]: Parameters<Api[M]>[0] };
