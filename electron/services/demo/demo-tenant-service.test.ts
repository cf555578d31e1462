import { describe, expect, it, vi } from 'vitest';
import { contract, type MethodName } from '../../../shared/contract';
import type { Environment } from '../../../shared/contract/environment';
import { authFlows } from '../../../shared/settings/system-settings';
import { tenantStepsFor } from '../../../shared/walkthrough/tenant-steps';
import { inMemoryDemoTenant, sampleInputs } from '../../../test-support/host/test-doubles';
import {
  CLIENT_SECRET_APP_ID,
  DEMO_PASSWORD,
  DEMO_SECRET_ID,
  DEMO_SECRET_VALUE,
  DEMO_USERS,
  ROPC_APP_ID,
} from '../../demo-tenant/seed';
import { dispatch } from '../../host/dispatch';
import { createHandlers } from '../../host/handlers';
import {
  fakeCheckServices,
  fakeIncomingServices,
  inMemoryPreferences,
  fakeNetworkServices,
  inMemorySystemSettings,
  testAppInfo,
} from '../../../test-support/host/test-doubles';
import { createDemoTenantService } from './demo-tenant-service';

const NOW = Date.parse('2026-12-02T10:00:00Z');

function setup(environment: Environment = 'demo') {
  const ops = inMemoryDemoTenant(() => NOW);
  const onChange = vi.fn();
  let current = environment;
  const service = createDemoTenantService({
    current: () => current,
    operations: async () => ops,
    onChange,
    now: () => NOW,
  });
  return { ops, service, onChange, switchTo: (e: Environment) => (current = e) };
}

const demoMethods = Object.keys(contract).filter((m): m is MethodName => m.startsWith('demo.'));

describe('demo.* outside Demo', () => {
  it.each(demoMethods)('%s is refused with demo-only across the boundary', async (name) => {
    const services = fakeCheckServices();
    await services.environment.set('microsoft365');
    const handlers = createHandlers({
      appInfo: testAppInfo,
      systemSettings: inMemorySystemSettings(),
      ...services,
      ...fakeIncomingServices(),
      ...inMemoryPreferences(),
      ...fakeNetworkServices(),
    });
    const result = await dispatch(handlers, name, sampleInputs[name]);
    expect(result).toEqual({
      ok: false,
      error: { code: 'demo-only', message: expect.stringContaining('Demo environment') },
    });
  });

  it('leaves the tenant untouched and starts nothing', async () => {
    const operations = vi.fn();
    const service = createDemoTenantService({ current: () => 'microsoft365', operations });
    await expect(service['demo.reset']({})).rejects.toMatchObject({ code: 'demo-only' });
    expect(operations).not.toHaveBeenCalled();
  });
});

describe('demo.get', () => {
  it('shows the tenant without a password or a secret value', async () => {
    const { service } = setup();
    const view = await service['demo.get']({});
    const text = JSON.stringify(view);
    expect(text).not.toContain(DEMO_PASSWORD);
    expect(text).not.toContain(DEMO_SECRET_VALUE);
    const app = view.apps.find((a) => a.clientId === CLIENT_SECRET_APP_ID);
    expect(app?.secrets).toEqual([
      expect.objectContaining({ keyId: DEMO_SECRET_ID, hint: 'Dmo', expired: false }),
    ]);
    expect(app?.permissions.find((p) => p.value === 'full_access_as_app')?.requested).toBe(true);
    expect(app?.permissions.find((p) => p.value === 'EWS.AccessAsUser.All')?.requested).toBe(false);
    expect(view.organization.switches.ewsEnabled).toBe(true);
    expect(view.faults.every((f) => f.answer === 'normal' && f.latencyMs === 0)).toBe(true);
  });
});

describe('changes', () => {
  it('sets a user switch and reports the change', async () => {
    const { service, onChange } = setup();
    const view = await service['demo.setSwitch']({
      target: 'user',
      id: DEMO_USERS.erpService,
      name: 'passwordExpired',
      value: true,
    });
    expect(
      view.users.find((u) => u.userPrincipalName === DEMO_USERS.erpService)?.switches,
    ).toMatchObject({ passwordExpired: true, locked: false });
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('sets EwsEnabled back to not set, and a mailbox to off', async () => {
    const { service } = setup();
    await service['demo.setSwitch']({ target: 'organization', name: 'ewsEnabled', value: null });
    const view = await service['demo.setSwitch']({
      target: 'mailbox',
      id: DEMO_USERS.recipient,
      name: 'ewsEnabled',
      value: false,
    });
    expect(view.organization.switches.ewsEnabled).toBeNull();
    expect(
      view.mailboxes.find((m) => m.address === DEMO_USERS.recipient)?.switches.ewsEnabled,
    ).toBe(false);
  });

  it('takes an app off the EWS allow list and puts it back', async () => {
    const { service } = setup();
    const off = await service['demo.setSwitch']({
      target: 'app',
      id: ROPC_APP_ID,
      name: 'ewsAllowListed',
      value: false,
    });
    expect(off.organization.ewsAllowedAppIds).toEqual([CLIENT_SECRET_APP_ID]);
    const on = await service['demo.setSwitch']({
      target: 'app',
      id: ROPC_APP_ID,
      name: 'ewsAllowListed',
      value: true,
    });
    expect(on.apps.find((a) => a.clientId === ROPC_APP_ID)?.ewsAllowListed).toBe(true);
  });

  it('the switch lowers Microsoft\u2019s limits, and reset brings them back', async () => {
    const { service, ops } = setup();
    expect((await service['demo.lowerLimits']({ on: true })).limitsLowered).toBe(true);
    expect(ops.limits().graph.requests).toBe(1);
    expect((await service['demo.reset']({})).limitsLowered).toBe(false);
    expect(ops.limits().graph.requests).toBe(10_000);
  });

  it('removes a permission from the manifest, which starts the propagation delay', async () => {
    const { service, ops } = setup();
    await service['demo.setPropagationDelay']({ seconds: 12 });
    const view = await service['demo.setPermission']({
      clientId: CLIENT_SECRET_APP_ID,
      resourceAppId: '00000002-0000-0ff1-ce00-000000000000',
      permissionId: 'dc890d15-9560-4a4c-9b7f-a736ec74ec40',
      requested: false,
    });
    const app = view.apps.find((a) => a.clientId === CLIENT_SECRET_APP_ID);
    expect(app?.permissions.find((p) => p.value === 'full_access_as_app')?.requested).toBe(false);
    expect(app?.propagatingSeconds).toBe(12);
    expect(view.propagationDelaySeconds).toBe(12);
    const manifest = ops.snapshot().apps.find((a) => a.clientId === CLIENT_SECRET_APP_ID);
    const exchange = manifest?.requiredResourceAccess.find(
      (r) => r.resourceAppId === '00000002-0000-0ff1-ce00-000000000000',
    );
    expect(exchange?.resourceAccess.map((a) => a.id)).not.toContain(
      'dc890d15-9560-4a4c-9b7f-a736ec74ec40',
    );
  });

  it('answers a new secret’s value once; the view keeps only its hint', async () => {
    const { service } = setup();
    const { secret, view } = await service['demo.addSecret']({
      clientId: CLIENT_SECRET_APP_ID,
      expiresInDays: 30,
    });
    expect(secret.value).toMatch(/^.{3}8Q~/);
    expect(secret.expiresAt).toBe(new Date(NOW + 30 * 86_400_000).toISOString());
    expect(JSON.stringify(view)).not.toContain(secret.value);
    const expired = await service['demo.setSecretExpiry']({
      clientId: CLIENT_SECRET_APP_ID,
      keyId: secret.keyId,
      expiresAt: '2026-11-30',
    });
    const listed = expired.apps.find((a) => a.clientId === CLIENT_SECRET_APP_ID)?.secrets;
    expect(listed?.find((s) => s.keyId === secret.keyId)?.expired).toBe(true);
    const removed = await service['demo.removeSecret']({
      clientId: CLIENT_SECRET_APP_ID,
      keyId: secret.keyId,
    });
    expect(removed.apps.find((a) => a.clientId === CLIENT_SECRET_APP_ID)?.secrets).toHaveLength(1);
  });

  it('grants and removes mailbox rights, only for users the tenant has', async () => {
    const { service } = setup();
    const view = await service['demo.setMailboxRight']({
      address: 'orders@contoso-demo.onmicrosoft.com',
      user: DEMO_USERS.erpService,
      right: 'sendAs',
      granted: false,
    });
    expect(view.mailboxes.find((m) => m.address.startsWith('orders@'))?.sendAs).toEqual([]);
    await expect(
      service['demo.setMailboxRight']({
        address: 'orders@contoso-demo.onmicrosoft.com',
        user: 'nobody@contoso-demo.onmicrosoft.com',
        right: 'fullAccess',
        granted: true,
      }),
    ).rejects.toMatchObject({ code: 'not-found' });
    // What was typed is quoted escaped and bounded, never verbatim with its line breaks.
    await expect(
      service['demo.setMailboxRight']({
        address: 'orders@contoso-demo.onmicrosoft.com',
        user: `x\r\nInjected line\u0007${'y'.repeat(200)}`,
        right: 'fullAccess',
        granted: true,
      }),
    ).rejects.toMatchObject({
      code: 'not-found',
      message: `No user "x\\r\\nInjected line\\u0007${'y'.repeat(43)}\u2026" in the demo tenant.`,
    });
  });

  it('injects a fault and takes it away again', async () => {
    const { service, ops } = setup();
    const view = await service['demo.setFault']({
      endpoint: 'token',
      answer: '429',
      latencyMs: 800,
    });
    expect(view.faults.find((f) => f.endpoint === 'token')).toEqual({
      endpoint: 'token',
      answer: '429',
      latencyMs: 800,
    });
    expect(ops.faults().token).toEqual({ status: 429, retryAfterSeconds: 5, latencyMs: 800 });
    await service['demo.setFault']({ endpoint: 'token', answer: 'normal', latencyMs: 0 });
    expect(ops.faults()).toEqual({});
  });

  it('resets to the seed, the propagation delay included', async () => {
    const { service, ops } = setup();
    const seed = ops.snapshot();
    await service['demo.setSwitch']({
      target: 'user',
      id: DEMO_USERS.erpService,
      name: 'locked',
      value: true,
    });
    await service['demo.setPropagationDelay']({ seconds: 99 });
    const view = await service['demo.reset']({});
    expect(ops.snapshot()).toEqual(seed);
    expect(view.propagationDelaySeconds).toBe(0);
  });
});

/** What a break changes, without the clocks a change moves nor the order of lists. */
const comparable = (ops: ReturnType<typeof inMemoryDemoTenant>) => {
  const data = ops.snapshot();
  data.organization.ewsAllowedAppIds.sort();
  for (const app of data.apps) {
    app.requiredResourceAccess.sort((a, b) => a.resourceAppId.localeCompare(b.resourceAppId));
    app.propagatedAt = 0;
    for (const entry of app.requiredResourceAccess)
      entry.resourceAccess.sort((a, b) => a.id.localeCompare(b.id));
    for (const secret of app.secrets)
      secret.expiresAt = Date.parse(secret.expiresAt) > NOW ? 'valid' : 'expired';
  }
  return data;
};

describe('break and fix a walkthrough step', () => {
  const cases = authFlows.flatMap(({ value: flow }) =>
    tenantStepsFor(flow).map((s) => ({ flow, section: s.section, step: s.step })),
  );

  it.each(cases)(
    '$flow $section step $step: break changes the tenant, fix restores it',
    async (target) => {
      const { service, ops } = setup();
      const seed = comparable(ops);
      const broken = await service['demo.breakStep'](target);
      expect(broken.message).toMatch(new RegExp(`^Broke step ${target.step}: `));
      expect(comparable(ops)).not.toEqual(seed);
      const fixed = await service['demo.fixStep'](target);
      expect(fixed.message).toMatch(new RegExp(`^Fixed step ${target.step}: `));
      expect(comparable(ops)).toEqual(seed);
    },
  );

  it('breaks row 21’s app when the tenant has it, and says when Exchange sees the change', async () => {
    const { service, ops } = setup();
    await service['demo.setPropagationDelay']({ seconds: 8 });
    const { message } = await service['demo.breakStep']({
      flow: 'password',
      section: 'password',
      step: 14,
      clientId: CLIENT_SECRET_APP_ID,
    });
    expect(message).toBe(
      'Broke step 14: admin consent undone for ERP Mail (Client secret). Exchange Online sees the change in 8 s.',
    );
    const apps = ops.snapshot().apps;
    expect(apps.find((a) => a.clientId === CLIENT_SECRET_APP_ID)?.adminConsentGranted).toBe(false);
    expect(apps.find((a) => a.clientId === ROPC_APP_ID)?.adminConsentGranted).toBe(true);
  });

  it('keeps the allow list restrictive when the app was the only one on it', async () => {
    const { service, ops } = setup();
    ops.updateOrganization({ ewsAllowedAppIds: [ROPC_APP_ID] });
    await service['demo.breakStep']({ flow: 'password', section: 'ews-access', step: 3 });
    const list = ops.snapshot().organization.ewsAllowedAppIds;
    expect(list.length).toBeGreaterThan(0);
    expect(list).not.toContain(ROPC_APP_ID);
  });

  it('refuses a step without tenant state', async () => {
    const { service } = setup();
    await expect(
      service['demo.breakStep']({ flow: 'password', section: 'password', step: 3 }),
    ).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining('Step 3') });
  });
});
