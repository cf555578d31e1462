import type http from 'node:http';
import type { Duplex } from 'node:stream';
import type tls from 'node:tls';
import { Agent, type AgentConnectOpts } from 'agent-base';
import { openPath, openTls } from './connect-path';
import { trustContext } from './trust';
import type { ProxyResolver } from './proxy/proxy-resolver';

/**
 * HTTPS for Microsoft 365's hosts: each connection goes the way the proxy resolver says (direct
 * or through a CONNECT tunnel), its TLS verified against `trust` (the OS store and Node's list).
 * agent-base keeps the sockets pooled per host as Node's own agent would.
 */
export class ProxiedAgent extends Agent {
  private readonly secureContext: tls.SecureContext;

  constructor(
    private readonly resolve: ProxyResolver,
    trust: string[],
    private readonly timeoutMs: number,
  ) {
    super({ keepAlive: true });
    // Said once here: left unset, agent-base works out both from a new Error's stack on every
    // read, and Node reads them for every request (10–20 µs each, BENCHMARKS.md, issue 18).
    this.protocol = 'https:';
    this.defaultPort = 443;
    this.secureContext = trustContext(trust);
  }

  async connect(_req: http.ClientRequest, options: AgentConnectOpts): Promise<Duplex> {
    const host = options.host ?? 'localhost';
    const port = options.port ?? 443;
    const { socket } = await openTls({
      path: () => openPath(this.resolve, host, port, this.timeoutMs),
      servername: ('servername' in options && options.servername) || host,
      secureContext: this.secureContext,
    });
    return socket;
  }
}
