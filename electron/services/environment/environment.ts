import {
  DEMO_BADGE,
  MICROSOFT365_BADGE,
  type Environment,
  type EnvironmentView,
} from '../../../shared/contract/environment';
import { startDemoTenant, type DemoTenant } from '../../demo-tenant/index';
import { DEMO_PASSWORD, DEMO_USERS, demoSeedIds } from '../../demo-tenant/seed';

import type { SecretVault } from '../keychain/secret-vault';
import { restoreDemoSecrets } from './demo-secrets';
import type { SettingsStore } from '../settings/settings-store';
import { systemSecretAccount } from '../keychain/entry-names';
import {
  createTrustedTransport,
  trustedCertificates,
  type TrustedTransport,
} from '../network/trusted-transport';

/** The environment setting (Demo tenant / Microsoft 365) and what the UI shows for it. */
export interface EnvironmentService {
  get(): Promise<EnvironmentView>;
  set(environment: Environment): Promise<EnvironmentView>;
}

export const MICROSOFT_LOGIN_HOST = 'login.microsoftonline.com';
export const GRAPH_HOST = 'graph.microsoft.com';

/** Where one check's requests really go, and the names to show the user for them. */
export interface Route {
  environment: Environment;
  /** msal-node's authority: `https://login.microsoftonline.com/{tenant}` or the demo tenant's. */
  authority: string;
  knownAuthorities: string[];
  ewsUrl: string;
  /** Microsoft Graph's root, `https://graph.microsoft.com` (or the demo tenant's); requests add `/v1.0/…`. */
  graphUrl: string;
  /** The token endpoint's host as the admin knows it (the form's world, not the demo's port). */
  authorityHost: string;
  /** The EWS host as the form names it, with the port when one is set. */
  ewsHost: string;
  /** In Demo, how the hosts above are reached, e.g. "demo tenant at 127.0.0.1:40123". */
  via?: string;
  transport: TrustedTransport;
}

/** Where an SMTP test really connects, and what its TLS must trust (SmtpSender's config). */
export interface SmtpRoute {
  environment: Environment;
  /** In Demo, how the server is reached, e.g. "demo tenant at 127.0.0.1:40123". */
  via?: string;
  connectHost?: string;
  connectPort?: number;
  /** The name the certificate must carry. */
  servername: string;
  ca: string[];
  timeoutMs: number;
}

export interface SmtpTarget {
  serverAddress: string;
  useSsl: boolean;
}

export interface RouteTarget {
  tenantId: string;
  serverAddress: string;
  port: number;
  /** Exchange Online (the default, OAuth) or an on-premises Exchange (Basic over HTTPS). */
  ews?: 'online' | 'on-premises';
}

export interface EnvironmentRuntime extends EnvironmentService {
  current(): Environment;
  route(target: RouteTarget): Promise<Route>;
  /** SMTP (FLOWS.md §7): the server as given, or in Demo the demo tenant's submission server. */
  smtpRoute(target: SmtpTarget): Promise<SmtpRoute>;
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
}

const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** Rows 12, 13, 21, 22, 23 set for the seeded User name/Password app, so a first Test gives OK!. */
async function prefillDemo(store: SettingsStore, vault: SecretVault): Promise<void> {
  const section = store.getEnvironment();
  if (section.name !== 'demo' || section.demoPrefilled) return;
  const seed = demoSeedIds();
  // The keychain first: without it the prefill cannot work, so it is left for the next start.
  // A password already in the keychain is the user's own and is never overwritten.
  const account = systemSecretAccount('exchangePassword');
  if (!(await vault.isSet(account))) await vault.set(account, DEMO_PASSWORD);
  store.setSystem({
    ...store.getSystem(),
    exchangeUserName: DEMO_USERS.erpService,
    clientId: seed.apps.ropc,
    tenantId: seed.tenantId,
    authFlow: 'password',
  });
  store.setEnvironment({ ...section, demoPrefilled: true });
}

const demoView = (): EnvironmentView['demo'] => {
  const seed = demoSeedIds();
  return {
    tenantId: seed.tenantId,
    domain: seed.domain,
    sender: DEMO_USERS.erpService,
    recipient: DEMO_USERS.recipient,
    mailboxes: seed.mailboxes.map((m) => m.address),
  };
};

const hostWithPort = (server: string, port: number) => (port > 0 ? `${server}:${port}` : server);

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
  let demoTransport: TrustedTransport | undefined;
  let publicTransport: TrustedTransport | undefined;

  const demoTenant = () => {
    tenant ??= startTenant().catch((error: unknown) => {
      tenant = undefined;
      throw error;
    });
    return tenant;
  };

  const view = (environment: Environment): EnvironmentView =>
    environment === 'demo'
      ? { environment, badge: DEMO_BADGE, demo: demoView() }
      : { environment, badge: MICROSOFT365_BADGE };

  // A first start prefills; a later one puts back the demo's password if the keychain lost it.
  const ready = prefillDemo(store, vault)
    .then(() => restoreDemoSecrets(store, vault))
    .catch(() => {});

  return {
    ready,
    current: () => store.getEnvironment().name,
    get: async () => view(store.getEnvironment().name),
    set: async (environment) => {
      store.setEnvironment({ ...store.getEnvironment(), name: environment });
      return view(environment);
    },
    demoTenant,
    route: async ({ tenantId, serverAddress, port, ews = 'online' }) => {
      const ewsHost = hostWithPort(serverAddress, port);
      const environment = store.getEnvironment().name;
      if (environment === 'demo') {
        const demo = await demoTenant();
        demoTransport ??= createTrustedTransport({
          extraCaPem: demo.caPem,
          timeoutMs: requestTimeoutMs,
        });
        return {
          environment,
          authority: demo.authorityFor(tenantId),
          knownAuthorities: [demo.knownAuthority],
          ewsUrl: ews === 'online' ? demo.ewsUrl : demo.onPremEwsUrl,
          graphUrl: demo.graphUrl,
          authorityHost: MICROSOFT_LOGIN_HOST,
          ewsHost,
          via: `demo tenant at ${demo.knownAuthority}`,
          transport: demoTransport,
        };
      }
      publicTransport ??= createTrustedTransport({ timeoutMs: requestTimeoutMs });
      return {
        environment,
        authority: `https://${MICROSOFT_LOGIN_HOST}/${tenantId}`,
        knownAuthorities: [],
        ewsUrl: `https://${ewsHost}/EWS/Exchange.asmx`,
        graphUrl: `https://${GRAPH_HOST}`,
        authorityHost: MICROSOFT_LOGIN_HOST,
        ewsHost,
        transport: publicTransport,
      };
    },
    smtpRoute: async ({ serverAddress, useSsl }) => {
      const environment = store.getEnvironment().name;
      const timeoutMs = requestTimeoutMs;
      if (environment !== 'demo')
        return { environment, servername: serverAddress, ca: trustedCertificates(), timeoutMs };
      const demo = await demoTenant();
      return {
        environment,
        via: `demo tenant at ${demo.smtp.host}`,
        connectHost: demo.smtp.host,
        connectPort: useSsl ? demo.smtp.implicitTlsPort : demo.smtp.starttlsPort,
        // The demo's certificate names loopback; the demo CA is trusted for this connection only.
        servername: 'localhost',
        ca: trustedCertificates(demo.caPem),
        timeoutMs,
      };
    },
    close: async () => {
      const running = tenant;
      tenant = undefined;
      demoTransport?.agent.destroy();
      publicTransport?.agent.destroy();
      demoTransport = publicTransport = undefined;
      if (running) await (await running.catch(() => undefined))?.close();
    },
  };
}
