import { createHmac, randomBytes } from 'node:crypto';
import {
  AuthError,
  ConfidentialClientApplication,
  PublicClientApplication,
  type AuthenticationResult,
  type Configuration,
  type INetworkModule,
  type NetworkResponse,
} from '@azure/msal-node';
import { decodeJwt } from 'jose';
import type { FailureFacts } from '../../../shared/diagnosis/failure';
import type { AuthFlow } from '../../../shared/settings/system-settings';
import { abortable } from '../base/abortable';
import { RunFailure } from '../mail/failure';
import type { Route } from '../network/route';
import { routeFacts, wireFacts, type WireFailure } from '../network/recorded-failure';

/** What the token's claims say, for the Result; never the token itself. */
export interface TokenSummary {
  audience: string;
  /** Delegated scopes (scp). */
  scopes: string[];
  /** Application roles. */
  roles: string[];
  expiresAt: Date;
}

export interface AcquiredToken extends TokenSummary {
  accessToken: string;
  fromCache: boolean;
}

export interface TokenRequest {
  route: Route;
  flow: AuthFlow;
  clientId: string;
  /** Row 15: the resource the scope names (outlook.office365.com for Exchange Online). */
  serverAddress: string;
  /** The user for User name/Password; unused for Client secret. */
  userName: string;
  /** The password (User name/Password) or the client secret; held only for this call. */
  secret: string;
  /** The scope to ask for when it is not EWS's on row 15 (SMTP, Microsoft Graph). */
  scope?: string;
}

export class TokenFailure extends RunFailure {
  constructor(facts: FailureFacts) {
    super(facts);
    this.name = 'TokenFailure';
  }
}

export interface TokenBroker {
  acquire(request: TokenRequest, signal?: AbortSignal): Promise<AcquiredToken>;
  /** Forgets every cached token. */
  clear(): void;
}

/** FLOWS.md §1: the delegated and the app-only scope, on the resource row 15 names. */
export const scopeFor = (flow: AuthFlow, serverAddress: string): string =>
  flow === 'password'
    ? `https://${serverAddress}/EWS.AccessAsUser.All`
    : `https://${serverAddress}/.default`;

const scopeOf = (r: TokenRequest): string => r.scope ?? scopeFor(r.flow, r.serverAddress);

/** A token is reused only while it has at least this long to live. */
const EXPIRY_MARGIN_MS = 60_000;

function summarize(accessToken: string, fallbackExpiry: Date | null): TokenSummary {
  const claims = decodeJwt(accessToken);
  const aud = Array.isArray(claims.aud) ? claims.aud.join(' ') : (claims.aud ?? '');
  const scp = typeof claims.scp === 'string' ? claims.scp.split(' ').filter(Boolean) : [];
  const roles = Array.isArray(claims.roles) ? claims.roles.map(String) : [];
  const expiresAt = claims.exp ? new Date(claims.exp * 1000) : (fallbackExpiry ?? new Date(0));
  return { audience: aud, scopes: scp, roles, expiresAt };
}

/** The error body Entra answers with, as far as the facts need it. */
interface EntraErrorBody {
  error?: unknown;
  error_description?: unknown;
  error_codes?: unknown;
  correlation_id?: unknown;
}

/**
 * msal-node's network seam, recording what the wire said when a request fails: msal turns an
 * error on the discovery request (e.g. AADSTS90002, tenant not found) into a bare
 * `endpoints_resolution_error`, so the body is kept here.
 */
function recordingClient(
  inner: INetworkModule,
  record: (wire: WireFailure, entra?: EntraErrorBody) => void,
): INetworkModule {
  const watch = async <T>(call: () => Promise<NetworkResponse<T>>) => {
    try {
      const response = await call();
      if (response.status >= 400)
        record(
          { status: response.status, headers: response.headers },
          response.body as EntraErrorBody,
        );
      return response;
    } catch (error) {
      record({ error });
      throw error;
    }
  };
  return {
    sendGetRequestAsync: (url, options, timeout) =>
      watch(() => inner.sendGetRequestAsync(url, options, timeout)),
    sendPostRequestAsync: (url, options) => watch(() => inner.sendPostRequestAsync(url, options)),
  };
}

/** The facts Entra's error body gives, for when msal-node's own error lost them. */
function entraFacts(body: EntraErrorBody | undefined): Partial<FailureFacts> {
  if (!body) return {};
  const facts: Partial<FailureFacts> = {};
  const codes = Array.isArray(body.error_codes) ? body.error_codes : [];
  if (typeof codes[0] === 'number') facts.aadsts = codes[0];
  if (typeof body.error === 'string') facts.oauthError = body.error;
  if (typeof body.error_description === 'string')
    facts.message = body.error_description.split(/\r?\n| Trace ID:/)[0];
  if (typeof body.correlation_id === 'string') facts.correlationId = body.correlation_id;
  return facts;
}

/**
 * Entra's own sentence from msal's message ("… - Description: AADSTS50126: Error validating … -
 * Correlation ID: …"), without the boilerplate. Entra ends the sentence with a line break before
 * "Trace ID", "Correlation ID" and "Timestamp" (`\r\n`); a space is accepted too.
 */
export const entraDescription = (message: string): string | undefined =>
  /Description: (AADSTS\d+:[^\r\n]*?)(?:\s*[\r\n]| Trace ID:| - Correlation ID:|$)/
    .exec(message)?.[1]
    ?.trim();

const isId = (value: string | undefined): value is string =>
  !!value && /^[0-9a-f-]{16,}$/i.test(value);

/** msal-node's error and what the wire said, as FailureFacts. */
export function tokenFailureFacts(
  error: unknown,
  wire: WireFailure | undefined,
  route: Route,
  entra?: EntraErrorBody,
): FailureFacts {
  const facts: FailureFacts = {
    step: 'token',
    ...routeFacts(route, route.authorityHost),
    message: error instanceof Error ? error.message : 'The token request failed.',
  };
  if (error instanceof AuthError) {
    const errorNo = 'errorNo' in error && typeof error.errorNo === 'string' ? error.errorNo : '';
    const aadsts = /^\d+$/.test(errorNo) ? errorNo : /AADSTS(\d+)/.exec(error.errorMessage)?.[1];
    if (aadsts) facts.aadsts = Number(aadsts);
    if (error.errorCode && error.errorCode !== 'network_error') facts.oauthError = error.errorCode;
    if (isId(error.correlationId)) facts.correlationId = error.correlationId;
    facts.message = entraDescription(error.errorMessage) ?? (error.errorMessage || error.errorCode);
  }
  const fromWire = wireFacts(wire);
  const fromBody = facts.aadsts === undefined ? entraFacts(entra) : {};
  // msal's correlation id is the one Entra logs; the wire's is only a fallback.
  return {
    ...facts,
    ...fromWire,
    ...fromBody,
    correlationId: fromBody.correlationId ?? facts.correlationId ?? fromWire.correlationId,
  };
}

export interface TokenBrokerOptions {
  now?: () => number;
}

/** One msal-node request for the flow: ROPC for User name/Password, else client credentials. */
function msalRequest(r: TokenRequest, network: INetworkModule) {
  const config: Configuration = {
    auth: {
      clientId: r.clientId,
      authority: r.route.authority,
      knownAuthorities: r.route.knownAuthorities,
    },
    system: { networkClient: network },
  };
  const scopes = [scopeOf(r)];
  if (r.flow === 'password') {
    return new PublicClientApplication(config).acquireTokenByUsernamePassword({
      scopes,
      username: r.userName,
      password: r.secret,
    });
  }
  return new ConfidentialClientApplication({
    ...config,
    auth: { ...config.auth, clientSecret: r.secret },
  }).acquireTokenByClientCredential({ scopes });
}

/** A new token from the endpoint; a failure carries what the wire and Entra ID said. */
async function acquireFresh(r: TokenRequest, signal?: AbortSignal): Promise<AcquiredToken> {
  let wire: WireFailure | undefined;
  let entra: EntraErrorBody | undefined;
  const network = recordingClient(r.route.transport.msalNetworkClient, (w, body) => {
    wire = w;
    entra = body;
  });
  let result: AuthenticationResult | null;
  try {
    result = await abortable(msalRequest(r, network), signal);
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new TokenFailure(tokenFailureFacts(error, wire, r.route, entra));
  }
  if (!result?.accessToken)
    throw new TokenFailure({
      step: 'token',
      ...routeFacts(r.route, r.route.authorityHost),
      message: 'The token endpoint answered without an access token.',
    });
  return {
    ...summarize(result.accessToken, result.expiresOn),
    accessToken: result.accessToken,
    fromCache: false,
  };
}

/**
 * Acquires tokens with msal-node: ROPC for User name/Password, client credentials for Client
 * secret. One cached token per scope (so EWS, SMTP and Graph tokens live side by side), keyed by
 * authority, client, flow, user and a keyed fingerprint of the secret (so a changed password is
 * tried, not answered from cache); any change drops that scope's token.
 */
export function createTokenBroker(options: TokenBrokerOptions = {}): TokenBroker {
  const now = options.now ?? Date.now;
  // Per process: fingerprints cannot be compared across runs or reversed to the secret.
  const fingerprintKey = randomBytes(32);
  const cache = new Map<string, { key: string; token: AcquiredToken }>();

  const keyOf = (r: TokenRequest) =>
    JSON.stringify([
      r.route.authority,
      r.clientId.toLowerCase(),
      r.flow,
      r.flow === 'password' ? r.userName.toLowerCase() : '',
      scopeOf(r),
      createHmac('sha256', fingerprintKey).update(r.secret).digest('base64'),
    ]);

  return {
    clear: () => cache.clear(),
    acquire: async (r, signal) => {
      const key = keyOf(r);
      const scope = scopeOf(r);
      const cached = cache.get(scope);
      if (cached?.key === key && cached.token.expiresAt.getTime() - EXPIRY_MARGIN_MS > now())
        return { ...cached.token, fromCache: true };
      cache.delete(scope);

      const token = await acquireFresh(r, signal);
      cache.set(scope, { key, token });
      return token;
    },
  };
}
