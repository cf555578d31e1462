import {
  createHash,
  createPrivateKey,
  createPublicKey,
  randomBytes,
  randomInt,
  randomUUID,
  type KeyObject,
} from 'node:crypto';
import { SignJWT, exportJWK, jwtVerify, type JWK, type JWTPayload } from 'jose';
import { createSigningCertificate } from './certs';

/** What EWS and Graph need from a verified access token. */
export interface AccessTokenClaims extends JWTPayload {
  aud: string;
  tid: string;
  appid: string;
  oid: string;
  idtyp: 'user' | 'app';
  upn?: string;
  scp?: string;
  roles?: string[];
}

export type VerifyFailure = 'malformed' | 'signature' | 'expired' | 'audience';

/** Entra gives an access token a lifetime chosen at random between 60 and 90 minutes. */
const MIN_LIFETIME_S = 60 * 60;
const MAX_LIFETIME_S = 90 * 60;
const ID_TOKEN_LIFETIME_S = 60 * 60;

export interface SignedAccessToken {
  token: string;
  /** Seconds, as the token endpoint's expires_in gives it. */
  expiresIn: number;
}

/**
 * `sub` is pairwise: one user has a different subject in every app (oid is the same everywhere).
 * Entra's is an opaque 43-character string; this one is derived the same way for every token.
 */
export const pairwiseSubject = (oid: string, clientId: string): string =>
  createHash('sha256').update(`${oid.toLowerCase()}|${clientId.toLowerCase()}`).digest('base64url');

/**
 * The tenant's token signing key, published as Entra publishes its keys: a self-signed
 * certificate (x5c), its SHA-1 thumbprint as x5t and kid. Access tokens carry Exchange Online's
 * and Graph's v1.0 claim set, since that is what both accept (accessTokenAcceptedVersion v1).
 */
export class TokenSigner {
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  private readonly certDer: Buffer;
  readonly kid: string;

  constructor(private readonly now: () => number) {
    const signing = createSigningCertificate(now());
    this.privateKey = createPrivateKey(signing.privateKeyPem);
    this.publicKey = createPublicKey(this.privateKey);
    this.certDer = signing.certDer;
    this.kid = createHash('sha1').update(signing.certDer).digest('base64url');
  }

  /** The discovery document's jwks_uri answer; `issuer` as the v2.0 keys carry it. */
  async jwks(issuer?: string): Promise<{ keys: JWK[] }> {
    const jwk = await exportJWK(this.publicKey);
    return {
      keys: [
        {
          kty: 'RSA',
          use: 'sig',
          kid: this.kid,
          x5t: this.kid,
          n: jwk.n,
          e: jwk.e,
          x5c: [this.certDer.toString('base64')],
          ...(issuer ? { issuer } : {}),
        },
      ],
    };
  }

  private header() {
    return { alg: 'RS256', typ: 'JWT', x5t: this.kid, kid: this.kid };
  }

  async accessToken(
    claims: Omit<AccessTokenClaims, 'iat' | 'nbf' | 'exp' | 'iss' | 'idp' | 'rh'>,
  ): Promise<SignedAccessToken> {
    const iat = Math.floor(this.now() / 1000);
    const expiresIn = randomInt(MIN_LIFETIME_S, MAX_LIFETIME_S + 1);
    const issuer = `https://sts.windows.net/${claims.tid}/`;
    const token = await new SignJWT({
      ...claims,
      idp: issuer,
      rh: `0.AQ${randomBytes(40).toString('base64url')}.`,
      ver: '1.0',
      uti: randomBytes(16).toString('base64url'),
      aio: randomUUID(),
    })
      .setProtectedHeader(this.header())
      .setIssuer(issuer)
      .setIssuedAt(iat)
      .setNotBefore(iat)
      .setExpirationTime(iat + expiresIn)
      .sign(this.privateKey);
    return { token, expiresIn };
  }

  async idToken(claims: {
    aud: string;
    issuer: string;
    tid: string;
    oid: string;
    name: string;
    upn: string;
  }): Promise<string> {
    const iat = Math.floor(this.now() / 1000);
    return new SignJWT({
      tid: claims.tid,
      oid: claims.oid,
      sub: pairwiseSubject(claims.oid, claims.aud),
      name: claims.name,
      preferred_username: claims.upn,
      ver: '2.0',
    })
      .setProtectedHeader(this.header())
      .setIssuer(claims.issuer)
      .setAudience(claims.aud)
      .setIssuedAt(iat)
      .setNotBefore(iat)
      .setExpirationTime(iat + ID_TOKEN_LIFETIME_S)
      .sign(this.privateKey);
  }

  async verify(
    token: string,
    acceptAudience: (aud: string) => boolean,
  ): Promise<{ ok: true; claims: AccessTokenClaims } | { ok: false; reason: VerifyFailure }> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.publicKey, {
        algorithms: ['RS256'],
        currentDate: new Date(this.now()),
      }));
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ERR_JWT_EXPIRED') return { ok: false, reason: 'expired' };
      if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED')
        return { ok: false, reason: 'signature' };
      return { ok: false, reason: 'malformed' };
    }
    if (typeof payload.aud !== 'string' || !acceptAudience(payload.aud))
      return { ok: false, reason: 'audience' };
    if (typeof payload.appid !== 'string' || typeof payload.tid !== 'string')
      return { ok: false, reason: 'malformed' };
    return { ok: true, claims: payload as AccessTokenClaims };
  }
}
