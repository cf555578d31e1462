import type { ConnectionRow } from '../../../shared/contract/network';
import type { MailApiChoice } from '../../../shared/contract/mail-apis';
import type { IncomingSettings } from '../../../shared/settings/incoming-settings';
import type { SystemSettings } from '../../../shared/settings/system-settings';
import type { EnvironmentRuntime } from '../environment/environment';
import { directPath } from '../network/connect-path';
import { createNetwork, type Network } from '../network/network';
import type { ProxyResolver } from '../network/proxy/proxy-resolver';
import { probeConnection, type Reach } from './connection-probe';
import { connectionTargets, type ConnectionTarget } from './connection-targets';

/** Check connections (SCREENS.md §7): each host the saved settings use, tried without sending mail. */
export interface ConnectionCheck {
  check(): Promise<ConnectionRow[]>;
}

export interface ConnectionCheckDeps {
  environment: Pick<EnvironmentRuntime, 'current' | 'demoTenant' | 'smtpRoute'>;
  settings: {
    getSystem(): SystemSettings;
    getIncoming(): IncomingSettings | undefined;
    getMailApis(): MailApiChoice;
  };
  /** The same proxy choice every Test and validation follows. */
  proxy: ProxyResolver;
  timeoutMs: number;
}

async function publicReach(network: Network, target: ConnectionTarget): Promise<Reach> {
  return {
    open: network.mailPath,
    connectHost: target.host,
    connectPort: target.port,
    servername: target.host,
    trust: network.tlsTrust(),
    route: await network.route(target.host, target.port),
  };
}

/** In Demo the Microsoft services are the demo tenant on loopback, as the Test reaches them. */
async function demoReach(
  deps: ConnectionCheckDeps,
  network: Network,
  target: ConnectionTarget,
): Promise<Reach> {
  if (target.service === 'smtp') {
    const system = deps.settings.getSystem();
    const route = await deps.environment.smtpRoute(system);
    return {
      open: directPath,
      connectHost: route.connectHost ?? target.host,
      connectPort: route.connectPort ?? target.port,
      servername: route.servername,
      trust: route.ca,
      route: route.via ?? 'demo tenant',
    };
  }
  const demo = await deps.environment.demoTenant();
  const origin = new URL(demo.origin);
  return {
    open: directPath,
    connectHost: origin.hostname,
    connectPort: Number(origin.port),
    servername: origin.hostname,
    trust: network.tlsTrust(demo.caPem),
    route: `demo tenant at ${origin.host}`,
  };
}

export function createConnectionCheck(deps: ConnectionCheckDeps): ConnectionCheck {
  return {
    check: async () => {
      const { settings } = deps;
      const targets = connectionTargets(
        settings.getSystem(),
        settings.getIncoming(),
        settings.getMailApis(),
      );
      const network = createNetwork({ timeoutMs: deps.timeoutMs, proxy: deps.proxy });
      // IMAP is the customer's own server in both environments; the rest is the demo tenant in Demo.
      const reachOf = (target: ConnectionTarget) =>
        deps.environment.current() === 'demo' && target.service !== 'imap'
          ? demoReach(deps, network, target)
          : publicReach(network, target);
      try {
        return await Promise.all(
          targets.map(async (target) =>
            probeConnection(target, await reachOf(target), deps.timeoutMs),
          ),
        );
      } finally {
        network.close();
      }
    },
  };
}
