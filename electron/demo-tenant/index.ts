import type { IncomingMessage } from 'node:http';
import { Limits } from './limits';
import { AutodiscoverEndpoint } from './autodiscover';
import { createDemoCertificates, DEMO_CERTIFICATE_HOSTS } from './certs';
import { EwsEndpoint, EWS_PATH, ON_PREM_EWS_PATH } from './ews';
import { GraphEndpoint } from './graph';
import { connectableHost, requestOrigin, urlHost } from './hosts';
import { IdentityEndpoint } from './identity';
import { createOperations, type DemoTenantOperations } from './operations';
import { demoSeed, demoSeedIds, type DemoSeedIds } from './seed';
import { listen, newControlToken } from './server';
import { startDemoSmtp, type DemoSmtp, type SmtpListenOptions } from './smtp';
import { TenantState } from './state';
import { TokenSigner } from './tokens';
import { Traffic } from './traffic';
import { listenUnserved } from './unserved-port';

export interface DemoTenantOptions {
  /** The address all its servers listen on; default 127.0.0.1. */
  host?: string;
  /** The HTTPS port (Entra, EWS, Graph, Autodiscover, control API); 0 (default) picks a free port. */
  port?: number;
  /** SMTP with STARTTLS (587's role); 0 (default) picks a free port. */
  smtpStarttlsPort?: number;
  /** SMTP with TLS from the first byte (465's role); 0 (default) picks a free port. */
  smtpImplicitTlsPort?: number;
  /** The tenant's clock (ms), for tests of expiry and propagation. */
  now?: () => number;
  /** How long EWS answers 403 after consent or permissions change; default 30 s. */
  propagationDelayMs?: number;
  /** How long after a send an NDR reaches the sender's Inbox; default 2 s. */
  bounceDelayMs?: number;
  /** The control API's bearer token; a random one when absent. Tests in another process set it. */
  controlToken?: string;
}

export interface DemoTenant {
  /**
   * `https://127.0.0.1:PORT`. Reached as one of Microsoft's names (`MICROSOFT_HOSTS`, by Host
   * header or SNI) the tenant answers as that name instead; the certificate names them all.
   */
  origin: string;
  /** The authority for msal-node: `https://127.0.0.1:PORT/{tenant}`. */
  authorityFor(tenant: string): string;
  /** msal-node's knownAuthorities entry for this host. */
  knownAuthority: string;
  ewsUrl: string;
  /** EWS as an on-premises Exchange serves it: Basic auth against the demo users. */
  onPremEwsUrl: string;
  /** Microsoft Graph's root here, standing for `https://graph.microsoft.com` (append `/v1.0/…`). */
  graphUrl: string;
  /** SMTP submission (FLOWS.md §6), standing for smtp.office365.com and an SMTP server of one's own. */
  smtp: Omit<DemoSmtp, 'close'>;
  /** The HTTPS port of `origin`, standing for port 443 of Microsoft's HTTPS hosts. */
  httpsPort: number;
  /** A port that resets every connection: a Microsoft host's port that serves nothing. */
  unservedPort: number;
  /** The throw-away CA to trust next to the system roots. */
  caPem: string;
  control: { url: string; token: string };
  state: DemoTenantOperations;
  seed: DemoSeedIds;
  close(): Promise<void>;
}

export const DEFAULT_PROPAGATION_DELAY_MS = 30_000;

function tenantCore(options: DemoTenantOptions) {
  const now = options.now ?? Date.now;
  const state = new TenantState(
    demoSeed(),
    now,
    options.propagationDelayMs ?? DEFAULT_PROPAGATION_DELAY_MS,
  );
  if (options.bounceDelayMs !== undefined) state.bounceDelayMs = options.bounceDelayMs;
  const traffic = new Traffic();
  const limits = new Limits(now);
  return {
    now,
    state,
    signer: new TokenSigner(now),
    traffic,
    limits,
    operations: createOperations(state, traffic, limits),
  };
}

const smtpListen = (options: DemoTenantOptions): SmtpListenOptions => ({
  host: options.host ?? '127.0.0.1',
  starttlsPort: options.smtpStarttlsPort ?? 0,
  implicitTlsPort: options.smtpImplicitTlsPort ?? 0,
});

/** Starts the simulated Microsoft 365 tenant (Entra ID, EWS, Microsoft Graph, SMTP) on 127.0.0.1. */
export async function startDemoTenant(options: DemoTenantOptions = {}): Promise<DemoTenant> {
  const { now, state, signer, traffic, limits, operations } = tenantCore(options);
  const host = options.host ?? '127.0.0.1';
  const reachAt = connectableHost(host);
  const certificates = createDemoCertificates(now(), [
    ...new Set([reachAt, ...DEMO_CERTIFICATE_HOSTS]),
  ]);
  const controlToken = options.controlToken ?? newControlToken();
  let origin = '';
  const originOf = (req: IncomingMessage) => requestOrigin(req, origin);
  const server = await listen(
    {
      certificates,
      identity: new IdentityEndpoint(state, signer, originOf),
      ews: new EwsEndpoint(state, signer, limits),
      graph: new GraphEndpoint(state, signer, limits),
      autodiscover: new AutodiscoverEndpoint(state, signer, originOf),
      traffic,
      operations,
      controlToken,
    },
    options.port ?? 0,
    host,
  );
  const authorityHost = `${urlHost(reachAt)}:${server.port}`;
  origin = `https://${authorityHost}`;
  const smtp = await startDemoSmtp(
    { state, signer, traffic, certificates },
    smtpListen(options),
  ).catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  const unserved = await listenUnserved(host).catch(async (error: unknown) => {
    await Promise.all([server.close(), smtp.close()]);
    throw error;
  });
  return {
    origin,
    authorityFor: (tenant) => `${origin}/${tenant}`,
    knownAuthority: authorityHost,
    ewsUrl: `${origin}${EWS_PATH}`,
    onPremEwsUrl: `${origin}${ON_PREM_EWS_PATH}`,
    graphUrl: origin,
    smtp: {
      host: reachAt,
      starttlsPort: smtp.starttlsPort,
      implicitTlsPort: smtp.implicitTlsPort,
    },
    httpsPort: server.port,
    unservedPort: unserved.port,
    caPem: certificates.caPem,
    control: { url: `${origin}/control`, token: controlToken },
    state: operations,
    seed: demoSeedIds(),
    close: async () => {
      await Promise.all([server.close(), smtp.close(), unserved.close()]);
    },
  };
}

export { MICROSOFT_HOSTS, microsoftServiceAt } from './hosts';
export type { DemoTenantOperations } from './operations';
export type { Fault, RequestCounts } from './traffic';
export type { DemoLimits, LimitsPatch } from './limits';
export type { TenantData, AppRegistration, DemoUser, Mailbox, StoredMessage } from './state';
