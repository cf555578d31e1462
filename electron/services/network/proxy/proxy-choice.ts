/** Where a proxy choice came from, in the words the Result and the Network procedure use. */
export type ProxySource =
  | { kind: 'app' }
  | { kind: 'system' }
  | { kind: 'pac'; script: string }
  | { kind: 'env'; variable: string };

/** A proxy to tunnel through: its address without credentials, and the credentials apart. */
export interface ProxyServer {
  /** `http://proxy.corp:8080` or `https://…`: scheme, host and port only. */
  url: URL;
  user?: string;
  /** Read from the keychain or the environment only when the tunnel is opened. */
  password?: () => Promise<string | undefined>;
}

/** How one connection goes: straight to the host, or through a proxy, and who said so. */
export type ProxyChoice =
  | { kind: 'direct'; source: ProxySource | undefined }
  | { kind: 'proxy'; proxy: ProxyServer; source: ProxySource };

/** `proxy.corp:8080`: what the Result and the diagnosis call a proxy (never its credentials). */
export const proxyLabel = (proxy: ProxyServer): string => proxy.url.host;

export function sourceText(source: ProxySource): string {
  switch (source.kind) {
    case 'app':
      return "the app's setting";
    case 'system':
      return 'the system settings';
    case 'pac':
      return `the automatic configuration script ${source.script}`;
    case 'env':
      return source.variable;
  }
}

/** "direct", or "via proxy.corp:8080, from HTTPS_PROXY": the Route every Result names. */
export const routeText = (choice: ProxyChoice): string =>
  choice.kind === 'direct'
    ? 'direct'
    : `via ${proxyLabel(choice.proxy)}, from ${sourceText(choice.source)}`;
