import { describe, expect, it } from 'vitest';
import { checkEntraFields } from './entra-fields';
import {
  defaultSystemSettings,
  toSystemSettingsForm,
  validateSystemSettings,
} from './system-settings';
import { guidIn, isEmail } from './validators';

const APP = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const OBJECT = '9b2c1d0e-1111-4222-8333-444455556666';
const TENANT = '8a3c5e71-2b4d-4f69-9c1e-5d7a0b3f6e24';

function check(fields: { clientId?: string; tenantId?: string; secret?: string }) {
  const errors: { field: string; message: string }[] = [];
  const ids = checkEntraFields(
    {
      clientId: fields.clientId ?? APP,
      tenantId: fields.tenantId ?? TENANT,
      usesClientSecret: fields.secret !== undefined,
      clientSecretWillBeSet: fields.secret !== undefined,
      clientSecretTyped: fields.secret,
    },
    () => true,
    (field, message) => errors.push({ field, message }),
  );
  return { ...ids, errors };
}

describe('IDs read the way admins paste them', () => {
  it('takes a GUID in braces', () => {
    expect(check({ clientId: `{${APP}}` })).toEqual({
      clientId: APP,
      tenantId: TENANT,
      errors: [],
    });
    expect(guidIn(` {${TENANT.toUpperCase()}} `)).toBe(TENANT.toUpperCase());
  });

  it('picks the GUID out of a link copied from the Azure Portal', () => {
    const overview = `https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/${APP}/isMSAApp~/false`;
    expect(check({ clientId: overview }).clientId).toBe(APP);
    const withObject = `https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/objectId/${OBJECT}/appId/${APP}`;
    expect(check({ clientId: withObject }).clientId).toBe(APP);
    const tenantLink = `https://entra.microsoft.com/#view/Microsoft_AAD_IAM/TenantOverview.ReactView/tenantId/${TENANT}`;
    expect(check({ tenantId: tenantLink }).tenantId).toBe(TENANT);
  });

  it('still refuses text that is no GUID, and a link with two GUIDs and no appId', () => {
    expect(check({ clientId: `${APP}x` }).errors).toEqual([
      {
        field: 'clientId',
        message:
          'Application (client) ID is not a valid GUID: copy it from the app registration’s Overview in Entra ID',
      },
    ]);
    expect(guidIn(`https://portal.azure.com/#a/${OBJECT}/b/${APP}`)).toBeUndefined();
    expect(guidIn(`see ${APP}`)).toBeUndefined();
  });

  it('catches a client secret shaped like a GUID: the secret’s ID, the classic mistake', () => {
    expect(check({ secret: 'f7c4d5e6-8091-42a3-bdc4-e5f607182934' }).errors).toEqual([
      { field: 'clientSecret', message: expect.stringMatching(/secret’s ID, not its Value/) },
    ]);
    expect(check({ secret: 'Dmo8Q~DemoTenantSecretValue.NotReal-0001' }).errors).toEqual([]);
  });
});

describe('addresses with invisible characters', () => {
  it('refuses a right-to-left override that shows an address reversed', () => {
    expect(isEmail('erp@contoso.com')).toBe(true);
    expect(isEmail('erp@\u202Emoc.osotnoc')).toBe(false);
    expect(isEmail('erp\u200B@contoso.com')).toBe(false);
    const { errors } = validateSystemSettings(
      {
        ...toSystemSettingsForm({ ...defaultSystemSettings, clientId: APP, tenantId: TENANT }),
        backupSender: 'erp@\u202Emoc.osotnoc',
      },
      { clientSecret: false, exchangePassword: false, smtpPassword: false },
    );
    expect(errors).toEqual([
      { field: 'backupSender', message: expect.stringMatching(/invisible character/) },
    ]);
  });
});
