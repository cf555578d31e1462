import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  instanceDiscovery,
  isMultiTenant,
  openIdConfiguration,
  type IdentityMatch,
} from './entra-discovery';
import { EntraError, entraError, entraErrorBody } from './entra-errors';
import { header, readBody, sendJson } from './http';
import { resourceByIdentifier, type Resource } from './permissions';
import type { AppRegistration, DemoUser, TenantState } from './state';
import { pairwiseSubject, type TokenSigner } from './tokens';

/** Scopes every OIDC request may carry next to the resource's. */
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DNS_NAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

interface RequestedScope {
  resource: Resource;
  /** The identifier as the caller wrote it: Entra uses it as the token's audience. */
  audience: string;
  names: string[];
  raw: string[];
  oidc: Set<string>;
}

/** Entra ID v2.0: discovery, keys and the token endpoint, answering from the tenant's state. */
export class IdentityEndpoint {
  constructor(
    private readonly state: TenantState,
    private readonly signer: TokenSigner,
    /** The origin this request reached the tenant by (hosts.ts). */
    private readonly origin: (req: IncomingMessage) => string,
  ) {}

  async handle(match: IdentityMatch, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { route, tenant, version } = match;
    const correlationId = header(req, 'client-request-id');
    const replyHeaders: Record<string, string> = { 'x-ms-request-id': randomUUID() };
    if (correlationId) replyHeaders['client-request-id'] = correlationId;
    const origin = this.origin(req);
    const issuer = `${origin}/${this.state.organization.tenantId}/v2.0`;
    try {
      this.checkTenant(tenant);
      if (route === 'instance-discovery') {
        const query = new URL(req.url ?? '/', origin).searchParams;
        const found = instanceDiscovery(origin, query.get('authorization_endpoint') ?? '');
        if (!found) throw entraError(50049);
        return sendJson(res, 200, found, replyHeaders);
      }
      if (route === 'openid-configuration')
        return sendJson(
          res,
          200,
          openIdConfiguration(origin, this.state.organization.tenantId, tenant, version),
          replyHeaders,
        );
      if (route === 'jwks') {
        const keys = await this.signer.jwks(version === 2 ? issuer : undefined);
        return sendJson(res, 200, keys, replyHeaders);
      }
      if (req.method !== 'POST') throw entraError(900561, req.method ?? 'GET');
      const params = new URLSearchParams(await readBody(req));
      const at: Reached = { tenant, issuer };
      const credentials = basicCredentials(req);
      const body =
        version === 2
          ? await this.token(params, at, credentials)
          : await this.tokenV1(params, at, credentials);
      sendJson(res, 200, body, replyHeaders);
    } catch (error) {
      if (!(error instanceof EntraError)) throw error;
      sendJson(
        res,
        error.spec.status,
        entraErrorBody(error, correlationId, this.state.now()),
        replyHeaders,
      );
    }
  }

  private checkTenant(tenant: string): void {
    if (this.state.isTenant(tenant) || isMultiTenant(tenant)) return;
    if (GUID.test(tenant) || DNS_NAME.test(tenant)) throw entraError(90002, tenant);
    throw entraError(900023, tenant);
  }

  private async token(
    params: URLSearchParams,
    at: Reached,
    basic?: Credentials,
  ): Promise<Record<string, unknown>> {
    const { tenant } = at;
    const grant = params.get('grant_type');
    if (!grant) throw entraError(900144, 'grant_type');
    if (!['password', 'client_credentials', 'refresh_token'].includes(grant))
      throw entraError(70003, grant);
    const clientId = params.get('client_id') ?? basic?.clientId;
    if (!clientId) throw entraError(90014, 'client_id');
    const app = this.state.app(clientId);
    if (!app) throw entraError(700016, clientId, tenant);
    const secret = params.get('client_secret') ?? basic?.secret ?? undefined;
    if (grant === 'client_credentials') return this.clientCredentials(app, secret, params, tenant);
    this.authenticateClientForUserFlow(app, secret);
    if (grant === 'password') return this.password(app, params, at, secret !== undefined);
    return this.refresh(app, params, at, secret !== undefined);
  }

  /**
   * The v1.0 token endpoint: `resource` instead of `scope`, and Entra's v1 answer with its
   * numbers as strings and the resource named.
   */
  private async tokenV1(
    params: URLSearchParams,
    at: Reached,
    basic?: Credentials,
  ): Promise<Record<string, unknown>> {
    const resource = params.get('resource');
    if (!resource) throw entraError(900144, 'resource');
    const v2 = new URLSearchParams(params);
    v2.set('scope', `${resource.replace(/\/+$/, '')}/.default`);
    const body = await this.token(v2, at, basic);
    const expiresIn = Number(body.expires_in);
    const notBefore = Math.floor(this.state.now() / 1000);
    return {
      ...body,
      ...(typeof body.scope === 'string'
        ? {
            scope: body.scope
              .split(' ')
              .map((s) => s.slice(s.lastIndexOf('/') + 1))
              .join(' '),
          }
        : {}),
      expires_in: String(expiresIn),
      ext_expires_in: String(expiresIn),
      expires_on: String(notBefore + expiresIn),
      not_before: String(notBefore),
      resource,
    };
  }

  /** A public client sends no secret; a confidential one must. */
  private authenticateClientForUserFlow(app: AppRegistration, secret: string | undefined): void {
    if (app.allowPublicClientFlows) {
      if (secret !== undefined) throw entraError(700025);
      return;
    }
    if (secret === undefined) throw entraError(7000218);
    this.checkSecret(app, secret);
  }

  private checkSecret(app: AppRegistration, secret: string): void {
    const match = app.secrets.find((s) => s.value === secret);
    if (!match) throw entraError(7000215, app.clientId);
    if (Date.parse(match.expiresAt) <= this.state.now()) throw entraError(7000222, app.clientId);
  }

  private async clientCredentials(
    app: AppRegistration,
    secret: string | undefined,
    params: URLSearchParams,
    tenant: string,
  ): Promise<Record<string, unknown>> {
    if (app.allowPublicClientFlows && secret !== undefined) throw entraError(700025);
    if (secret === undefined) throw entraError(7000218);
    this.checkSecret(app, secret);
    const scope = parseScope(params.get('scope'), tenant);
    if (scope.names.length !== 1 || scope.names[0] !== '.default')
      throw entraError(1002012, scope.raw.join(' '));
    // Without consent Entra still issues the token, only with no roles: EWS then refuses it (2000008).
    const roles = this.permissionValues(app, scope.resource, 'Role');
    const signed = await this.signer.accessToken({
      aud: scope.audience,
      tid: this.state.organization.tenantId,
      appid: app.clientId,
      appidacr: '1',
      app_displayname: app.displayName,
      oid: app.objectId,
      sub: app.objectId,
      idtyp: 'app',
      ...(roles.length ? { roles } : {}),
    });
    return {
      token_type: 'Bearer',
      expires_in: signed.expiresIn,
      ext_expires_in: signed.expiresIn,
      access_token: signed.token,
    };
  }

  private async password(
    app: AppRegistration,
    params: URLSearchParams,
    at: Reached,
    confidential: boolean,
  ): Promise<Record<string, unknown>> {
    const username = params.get('username');
    const password = params.get('password');
    if (!username) throw entraError(90014, 'username');
    if (password === null) throw entraError(90014, 'password');
    const scope = parseScope(params.get('scope'), at.tenant);
    const user = this.state.user(username);
    if (!user) throw entraError(50034, this.state.organization.tenantId);
    if (user.locked) throw entraError(50053);
    if (user.password !== password) throw entraError(50126);
    this.checkUserMaySignIn(user);
    return this.issueDelegated(app, user, scope, params, { confidential, issuer: at.issuer });
  }

  private async refresh(
    app: AppRegistration,
    params: URLSearchParams,
    at: Reached,
    confidential: boolean,
  ): Promise<Record<string, unknown>> {
    const grant = this.state.redeemRefreshGrant(params.get('refresh_token') ?? '');
    if (!grant || grant.clientId.toLowerCase() !== app.clientId.toLowerCase())
      throw entraError(70000);
    const user = this.state.user(grant.userPrincipalName);
    if (!user) throw entraError(50034, this.state.organization.tenantId);
    if (user.locked) throw entraError(50053);
    this.checkUserMaySignIn(user);
    const requested = params.get('scope') ?? grant.scopes.join(' ');
    return this.issueDelegated(
      app,
      user,
      parseScope(requested, this.state.organization.tenantId),
      params,
      { confidential, issuer: at.issuer },
    );
  }

  private checkUserMaySignIn(user: DemoUser): void {
    if (user.disabled) throw entraError(50057);
    if (user.passwordExpired) throw entraError(50055);
    if (user.blockedByConditionalAccess) throw entraError(53003);
    if (user.mfaRequired) throw entraError(user.mfaRegistered ? 50076 : 50079);
  }

  private async issueDelegated(
    app: AppRegistration,
    user: DemoUser,
    scope: RequestedScope,
    params: URLSearchParams,
    { confidential, issuer }: { confidential: boolean; issuer: string },
  ): Promise<Record<string, unknown>> {
    const granted = this.permissionValues(app, scope.resource, 'Scope');
    const wanted = scope.names.filter((n) => n !== '.default');
    const consented = wanted.length ? wanted.every((n) => granted.includes(n)) : granted.length > 0;
    if (!consented) throw entraError(65001, app.clientId, app.displayName);
    const tid = this.state.organization.tenantId;
    const signed = await this.signer.accessToken({
      aud: scope.audience,
      tid,
      appid: app.clientId,
      appidacr: confidential ? '1' : '0',
      app_displayname: app.displayName,
      acr: '1',
      oid: user.objectId,
      sub: pairwiseSubject(user.objectId, app.clientId),
      upn: user.userPrincipalName,
      unique_name: user.userPrincipalName,
      name: user.displayName,
      amr: ['pwd'],
      idtyp: 'user',
      scp: granted.join(' '),
    });
    const body: Record<string, unknown> = {
      token_type: 'Bearer',
      scope: granted.map((n) => `${scope.audience}/${n}`).join(' '),
      expires_in: signed.expiresIn,
      ext_expires_in: signed.expiresIn,
      access_token: signed.token,
    };
    if (scope.oidc.has('offline_access')) {
      body.refresh_token = this.state.issueRefreshGrant({
        clientId: app.clientId,
        userPrincipalName: user.userPrincipalName,
        scopes: [...scope.raw, ...scope.oidc],
      });
    }
    if (scope.oidc.has('openid')) {
      body.id_token = await this.signer.idToken({
        aud: app.clientId,
        issuer,
        tid,
        oid: user.objectId,
        name: user.displayName,
        upn: user.userPrincipalName,
      });
    }
    if (params.get('client_info') === '1') {
      body.client_info = Buffer.from(JSON.stringify({ uid: user.objectId, utid: tid })).toString(
        'base64url',
      );
    }
    return body;
  }

  private permissionValues(
    app: AppRegistration,
    resource: Resource,
    type: 'Scope' | 'Role',
  ): string[] {
    const ids = this.state.grantedPermissions(app, resource.appId, type);
    return resource.permissions
      .filter((p) => p.type === type && ids.includes(p.id))
      .map((p) => p.value);
  }
}

/** The tenant segment of the request, and the v2.0 issuer under the name it was reached by. */
interface Reached {
  tenant: string;
  issuer: string;
}

interface Credentials {
  clientId: string;
  secret: string;
}

/** client_secret_basic: the RFC 6749 form-encoded id and secret in an Authorization header. */
function basicCredentials(req: IncomingMessage): Credentials | undefined {
  const auth = header(req, 'authorization');
  if (!auth?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(auth.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return {
    clientId: decodeURIComponent(decoded.slice(0, colon)),
    secret: decodeURIComponent(decoded.slice(colon + 1)),
  };
}

/** One resource per request, as Entra requires; OIDC scopes ride along. */
function parseScope(value: string | null, tenant: string): RequestedScope {
  const all = (value ?? '').split(/\s+/).filter(Boolean);
  const oidc = new Set(
    all.filter((s) => OIDC_SCOPES.has(s.toLowerCase())).map((s) => s.toLowerCase()),
  );
  const raw = all.filter((s) => !OIDC_SCOPES.has(s.toLowerCase()));
  const first = raw[0];
  if (!first) throw entraError(70011, value ?? '');
  const slash = first.lastIndexOf('/');
  if (slash <= 0) throw entraError(70011, first);
  const audience = first.slice(0, slash);
  const resource = resourceByIdentifier(audience);
  if (!resource) throw entraError(500011, audience, tenant);
  const names: string[] = [];
  for (const s of raw) {
    const cut = s.lastIndexOf('/');
    if (cut <= 0 || s.slice(0, cut).toLowerCase() !== audience.toLowerCase())
      throw entraError(70011, s);
    const name = s.slice(cut + 1);
    if (
      name !== '.default' &&
      !resource.permissions.some((p) => p.type === 'Scope' && p.value === name)
    ) {
      throw entraError(70011, s);
    }
    names.push(name);
  }
  return { resource, audience, names, raw, oidc };
}
