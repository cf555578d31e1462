/** Entra ID's routes as the demo serves them, and the discovery document each version answers. */
export type IdentityRoute = 'openid-configuration' | 'jwks' | 'token' | 'instance-discovery';

export interface IdentityMatch {
  route: IdentityRoute;
  tenant: string;
  /** The v1.0 endpoints (`/oauth2/token` with `resource`) or v2.0 (`/oauth2/v2.0/token` with `scope`). */
  version: 1 | 2;
}

const V2_PATH =
  /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|discovery\/v2\.0\/keys|oauth2\/v2\.0\/token)$/;
const V1_PATH = /^\/([^/]+)\/(\.well-known\/openid-configuration|discovery\/keys|oauth2\/token)$/;
/** msal's instance discovery: `/common/discovery/instance?api-version=1.1&authorization_endpoint=…` */
const INSTANCE_PATH = /^\/([^/]+)\/discovery\/instance$/;

/** Tenant segments that name no tenant: Entra picks the user's home tenant. */
const MULTI_TENANT = new Set(['common', 'organizations']);
export const isMultiTenant = (tenant: string): boolean => MULTI_TENANT.has(tenant.toLowerCase());

/**
 * Maps a path to the Entra endpoint it names, and the tenant segment. The token endpoint answers
 * every method (a GET gets AADSTS900561); discovery and keys only GET.
 */
export function matchIdentityRoute(method: string, path: string): IdentityMatch | undefined {
  const instance = method === 'GET' ? INSTANCE_PATH.exec(path) : null;
  if (instance?.[1])
    return { route: 'instance-discovery', tenant: decodeURIComponent(instance[1]), version: 2 };
  const v2 = V2_PATH.exec(path);
  const m = v2 ?? V1_PATH.exec(path);
  if (!m?.[1] || !m[2]) return undefined;
  const tenant = decodeURIComponent(m[1]);
  const version = v2 ? 2 : 1;
  if (m[2].startsWith('oauth2')) return { route: 'token', tenant, version };
  if (method !== 'GET') return undefined;
  const route = m[2].startsWith('discovery') ? 'jwks' : 'openid-configuration';
  return { route, tenant, version };
}

/**
 * The discovery document: v2.0 at `/{tenant}/v2.0/.well-known/openid-configuration`, v1.0 at
 * `/{tenant}/.well-known/openid-configuration`. For /common and /organizations the endpoints
 * keep that segment and the issuer has Entra's `{tenantid}` template.
 */
export function openIdConfiguration(
  origin: string,
  tenantId: string,
  tenant: string,
  version: 1 | 2,
): Record<string, unknown> {
  const multi = isMultiTenant(tenant);
  const tid = multi ? '{tenantid}' : tenantId;
  const base = `${origin}/${multi ? tenant.toLowerCase() : tid}`;
  return version === 1
    ? v1Configuration(base, tid)
    : v2Configuration(base, `${origin}/${tid}/v2.0`);
}

function v1Configuration(base: string, tid: string): Record<string, unknown> {
  return {
    token_endpoint: `${base}/oauth2/token`,
    jwks_uri: `${base}/discovery/keys`,
    authorization_endpoint: `${base}/oauth2/authorize`,
    issuer: `https://sts.windows.net/${tid}/`,
    response_types_supported: ['code', 'id_token', 'code id_token', 'token id_token', 'token'],
    id_token_signing_alg_values_supported: ['RS256'],
    cloud_instance_name: 'microsoftonline.com',
    msgraph_host: 'graph.microsoft.com',
  };
}

function v2Configuration(base: string, issuer: string): Record<string, unknown> {
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: [
      'client_secret_post',
      'private_key_jwt',
      'client_secret_basic',
    ],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer,
    request_uri_parameter_supported: false,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'acr',
      'nonce',
      'preferred_username',
      'name',
      'tid',
      'ver',
      'at_hash',
      'c_hash',
      'email',
    ],
    tenant_region_scope: 'EU',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
  };
}

/** Entra's public cloud as instance discovery lists it: msal caches under `preferred_cache`. */
const PUBLIC_CLOUD = {
  preferred_network: 'login.microsoftonline.com',
  preferred_cache: 'login.windows.net',
  aliases: [
    'login.microsoftonline.com',
    'login.windows.net',
    'login.microsoft.com',
    'sts.windows.net',
  ],
};

/**
 * Instance discovery (api-version 1.1) for an authorize URL on the host the tenant was reached by:
 * where that tenant's OpenID configuration is, and the cloud's aliases. `undefined` for any other
 * host, which Entra answers with AADSTS50049.
 */
export function instanceDiscovery(
  origin: string,
  authorizationEndpoint: string,
): Record<string, unknown> | undefined {
  let url: URL;
  try {
    url = new URL(authorizationEndpoint);
  } catch {
    return undefined;
  }
  const host = new URL(origin).host;
  const tenant = url.pathname.split('/')[1];
  if (url.protocol !== 'https:' || url.host.toLowerCase() !== host || !tenant) return undefined;
  const v2 = /\/oauth2\/v2\.0\/authorize\/?$/i.test(url.pathname);
  const cloud =
    host === PUBLIC_CLOUD.preferred_network
      ? PUBLIC_CLOUD
      : { preferred_network: host, preferred_cache: host, aliases: [host] };
  return {
    tenant_discovery_endpoint: `${origin}/${tenant}${v2 ? '/v2.0' : ''}/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [cloud],
  };
}
