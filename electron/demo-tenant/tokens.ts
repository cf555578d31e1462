import { generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT, exportJWK, jwtVerify, type JWK, type JWTPayload } from 'jose';

/** What EWS needs from a verified access token. */
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

const LIFETIME_S = 3599;

/**
 * The tenant's token signing key. Access tokens carry Exchange Online's v1.0 claim set, since
 * that is what EXO accepts (its accessTokenAcceptedVersion is v1).
 */
export class TokenSigner {
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  readonly kid = randomBytes(16).toString('base64url');

  constructor(private readonly now: () => number) {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    const jwk = await exportJWK(this.publicKey);
    return { keys: [{ ...jwk, kid: this.kid, use: 'sig', alg: 'RS256', kty: 'RSA' }] };
  }

  get lifetimeSeconds(): number {
    return LIFETIME_S;
  }

  async accessToken(
    claims: Omit<AccessTokenClaims, 'iat' | 'nbf' | 'exp' | 'iss'>,
  ): Promise<string> {
    const iat = Math.floor(this.now() / 1000);
    return new SignJWT({
      ...claims,
      ver: '1.0',
      uti: randomBytes(16).toString('base64url'),
      aio: randomUUID(),
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.kid })
      .setIssuer(`https://sts.windows.net/${claims.tid}/`)
      .setIssuedAt(iat)
      .setNotBefore(iat - 300)
      .setExpirationTime(iat + LIFETIME_S)
      .sign(this.privateKey);
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
      sub: claims.oid,
      name: claims.name,
      preferred_username: claims.upn,
      ver: '2.0',
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.kid })
      .setIssuer(claims.issuer)
      .setAudience(claims.aud)
      .setIssuedAt(iat)
      .setNotBefore(iat)
      .setExpirationTime(iat + LIFETIME_S)
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
