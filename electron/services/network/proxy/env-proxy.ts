import { getProxyForUrl } from 'proxy-from-env';
import type { ProxyChoice } from './proxy-choice';

/** The variables curl and npm read for an HTTPS connection, in their order of precedence. */
const httpsVariables = ['https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY'];
/** npm (unlike curl) falls back to the HTTP proxy for HTTPS; admins set either. */
const httpVariables = ['http_proxy', 'HTTP_PROXY'];

const variableHolding = (names: string[], value: string, env = process.env) =>
  names.find((name) => env[name] && (env[name] === value || value.endsWith(`://${env[name]}`)));

/**
 * A proxy URL from the environment split into address and credentials (decoded). A value without
 * a scheme is an HTTP proxy, as curl reads it (proxy-from-env would give it the target's https).
 */
function proxyOf(raw: string, variable: string): ProxyChoice {
  const value = process.env[variable];
  const url = new URL(value && !value.includes('://') ? `http://${value}` : raw);
  const user = url.username ? decodeURIComponent(url.username) : undefined;
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  url.username = '';
  url.password = '';
  return {
    kind: 'proxy',
    proxy: { url, user, password: password === undefined ? undefined : async () => password },
    source: { kind: 'env', variable },
  };
}

/**
 * The browser host's "system" proxy for `host:port`: the environment as curl and npm read it
 * (HTTPS_PROXY, then ALL_PROXY, then HTTP_PROXY; lower case first; NO_PROXY honoured with its
 * domain, wildcard and port forms). Every TLS protocol (SMTP, IMAP too) is asked as https.
 */
export function envProxyFor(host: string, port: number): ProxyChoice {
  const forScheme = (scheme: string) => getProxyForUrl(`${scheme}://${host}:${port}`);
  const https = forScheme('https');
  if (https) return proxyOf(https, variableHolding(httpsVariables, https) ?? 'HTTPS_PROXY');
  const http = forScheme('http');
  if (http) return proxyOf(http, variableHolding(httpVariables, http) ?? 'HTTP_PROXY');
  return { kind: 'direct', source: undefined };
}

/** The environment's proxy settings in one line, credentials hidden (the Network procedure). */
export function envProxySummary(env = process.env): string | undefined {
  const set = [...httpsVariables, ...httpVariables, 'no_proxy', 'NO_PROXY'].filter((n) => env[n]);
  if (set.length === 0) return undefined;
  return set.map((name) => `${name}=${hideCredentials(env[name] ?? '')}`).join(', ');
}

function hideCredentials(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = '(hidden)';
    return url.password || url.username ? url.href.replace(/\/$/, '') : value;
  } catch {
    return value;
  }
}
