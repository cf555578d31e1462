import {
  DEMO_BADGE,
  MICROSOFT365_BADGE,
  type DemoValues,
  type Environment,
  type EnvironmentView,
} from '../../../shared/contract/environment';
import { startDemoTenant, type DemoTenant } from '../../demo-tenant/index';
import { demoSeed } from '../../demo-tenant/seed';
import { clearDemoValues, findDemoValues, type DemoValuesDeps } from './clear-demo-values';

import type { SecretVault } from '../keychain/secret-vault';
import { demoView, prefillDemo, restoreDemoSecrets } from './demo-prefill';
import { createRouter } from './routes';
import type { ImapRoute, Route, RouteTarget, SmtpRoute, SmtpTarget } from '../network/route';
import type { ProxyResolver } from '../network/proxy/proxy-resolver';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../network/timeouts';
import type { SettingsStore } from '../settings/settings-store';

/** The environment setting (Demo tenant / Microsoft 365) and what the UI shows for it. */
export interface EnvironmentService {
  get(): Promise<EnvironmentView>;
  set(environment: Environment): Promise<EnvironmentView>;
  /** The demo's values still saved (settings and keychain), for the switch's confirmation. */
  demoValues(): Promise<DemoValues>;
  /** Clears them and switches to Microsoft 365 in one save; answers what was cleared. */
  clearDemoValues(): Promise<{ view: EnvironmentView; cleared: DemoValues }>;
}

export interface EnvironmentRuntime extends EnvironmentService {
  current(): Environment;
  route(target: RouteTarget): Promise<Route>;
  /** SMTP (FLOWS.md §7): the server as given, or in Demo the demo tenant's submission server. */
  smtpRoute(target: SmtpTarget): Promise<SmtpRoute>;
  /** IMAP (Settings for incoming e-mail): the server as given, direct or through the proxy. */
  imapRoute(host: string, port: number): Promise<ImapRoute>;
  /** The running demo tenant, started on first use. */
  demoTenant(): Promise<DemoTenant>;
  /** Settles once the first-run Demo prefill is in the settings file and the keychain. */
  readonly ready: Promise<void>;
  /** Stops the demo tenant if it was started. */
  close(): Promise<void>;
}

export interface EnvironmentOptions {
  store: SettingsStore;
  vault: SecretVault;
  /** Per-request limit for every token and EWS request. */
  requestTimeoutMs?: number;
  startTenant?: () => Promise<DemoTenant>;
  /** How each Microsoft 365 connection goes (the Network procedure's setting); direct when absent. */
  proxy?: ProxyResolver;
}

/** The switch's two questions about the demo's values still saved. */
const demoValuesMethods = (
  deps: DemoValuesDeps,
): Pick<EnvironmentService, 'demoValues' | 'clearDemoValues'> => ({
  demoValues: async () => (await findDemoValues(deps)).cleared,
  clearDemoValues: async () => ({
    cleared: await clearDemoValues(deps),
    view: { environment: 'microsoft365', badge: MICROSOFT365_BADGE },
  }),
});

/**
 * The environment setting and what follows from it. In Demo the embedded tenant is started on
 * first use and the authority and EWS endpoint are routed to it while the form keeps the real
 * names; its CA is trusted only by the demo transport. Microsoft 365 uses the real hosts with the
 * system roots only.
 */
export function createEnvironment(options: EnvironmentOptions): EnvironmentRuntime {
  const { store, vault, requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS } = options;
  const startTenant = options.startTenant ?? (() => startDemoTenant());
  let tenant: Promise<DemoTenant> | undefined;

  const demoTenant = () => {
    tenant ??= startTenant().catch((error: unknown) => {
      tenant = undefined;
      throw error;
    });
    return tenant;
  };
  const current = () => store.getEnvironment().name;
  const router = createRouter(
    () => current() === 'demo',
    demoTenant,
    requestTimeoutMs,
    options.proxy,
  );

  const view = (environment: Environment): EnvironmentView =>
    environment === 'demo'
      ? { environment, badge: DEMO_BADGE, demo: demoView() }
      : { environment, badge: MICROSOFT365_BADGE };

  // A first start prefills; a later one puts back the demo's password if the keychain lost it.
  const ready = prefillDemo(store, vault)
    .then(() => restoreDemoSecrets(store, vault))
    .catch(() => {});

  const demoValues = demoValuesMethods({
    store,
    vault,
    // The running tenant holds the secrets support added; one that cannot start is as seeded.
    tenant: () => demoTenant().then((t) => t.state.snapshot(), demoSeed),
  });

  return {
    ready,
    current,
    get: async () => view(current()),
    set: async (environment) => {
      store.setEnvironment({ ...store.getEnvironment(), name: environment });
      return view(environment);
    },
    ...demoValues,
    demoTenant,
    route: router.route,
    smtpRoute: router.smtpRoute,
    imapRoute: router.imapRoute,
    close: async () => {
      const running = tenant;
      tenant = undefined;
      router.close();
      if (running) await (await running.catch(() => undefined))?.close();
    },
  };
}
