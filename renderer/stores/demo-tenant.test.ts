import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../shared/contract/client';
import { dispatch } from '../../electron/host/dispatch';
import { createHandlers } from '../../electron/host/handlers';
import { DEMO_USERS, ROPC_APP_ID } from '../../electron/demo-tenant/seed';
import {
  fakeCheckServices,
  fakeIncomingServices,
  inMemoryPreferences,
  fakeNetworkServices,
  inMemorySystemSettings,
  testAppInfo,
} from '../../test-support/host/test-doubles';
import { RESET_DONE, createDemoTenantStore } from './demo-tenant';

/** The store over the real handler table and demo.* service, on an in-memory demo tenant. */
async function setup(environment: 'demo' | 'microsoft365' = 'demo') {
  const services = fakeCheckServices();
  await services.environment.set(environment);
  const handlers = createHandlers({
    appInfo: testAppInfo,
    systemSettings: inMemorySystemSettings(),
    ...services,
    ...fakeIncomingServices(),
    ...inMemoryPreferences(),
    ...fakeNetworkServices(),
  });
  const api = createApiClient({
    invoke: (method, input) => dispatch(handlers, method, input),
    on: () => () => {},
  });
  return createDemoTenantStore(api);
}

describe('demo tenant store', () => {
  it('loads the view, and each change answers the new one', async () => {
    const store = await setup();
    await store.getState().load();
    expect(store.getState().phase).toBe('ready');
    await store.getState().change('demo.setSwitch', {
      target: 'user',
      id: DEMO_USERS.erpService,
      name: 'disabled',
      value: true,
    });
    const user = store
      .getState()
      .view?.users.find((u) => u.userPrincipalName === DEMO_USERS.erpService);
    expect(user?.switches.disabled).toBe(true);
    expect(store.getState().busy).toBe(false);
  });

  it('keeps a new secret’s value until dismissed, and the break/fix note by step', async () => {
    const store = await setup();
    await store.getState().addSecret({ clientId: ROPC_APP_ID });
    expect(store.getState().newSecret?.value).toMatch(/8Q~/);
    store.getState().dismissSecret();
    expect(store.getState().newSecret).toBeUndefined();
    await store.getState().breakOrFix('break', 'password:password:14', {
      flow: 'password',
      section: 'password',
      step: 14,
    });
    expect(store.getState().stepNotes['password:password:14']).toMatch(
      /^Broke step 14: admin consent/,
    );
  });

  it('Reset says it worked and drops the lines about what it undid (a new secret, a broken step)', async () => {
    const store = await setup();
    await store.getState().addSecret({ clientId: ROPC_APP_ID });
    const step = { flow: 'password', section: 'password', step: 14 } as const;
    await store.getState().breakOrFix('break', 'password:password:14', step);
    await store.getState().reset();
    expect(store.getState().notice).toBe(RESET_DONE);
    expect(store.getState().newSecret).toBeUndefined();
    expect(store.getState().stepNotes).toEqual({});
    const app = store.getState().view?.apps.find((a) => a.clientId === ROPC_APP_ID);
    expect(app?.secrets).toEqual([]);
  });

  it('shows main’s refusal outside Demo and keeps what it showed', async () => {
    const store = await setup('microsoft365');
    await store.getState().load();
    expect(store.getState().phase).toBe('load-failed');
    expect(store.getState().error).toMatch(/only in the Demo environment/);
    await store.getState().change('demo.reset', {});
    expect(store.getState().view).toBeUndefined();
    expect(store.getState().error).toMatch(/only in the Demo environment/);
  });
});
