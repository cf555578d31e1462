/** What stands for a secret or token that had to be cut out of a text. */
export const REDACTED = '••••';

/**
 * The text with every occurrence of each secret replaced: servers and clients may echo what they
 * were sent, and such a text must never carry a secret into a result, a log or the settings file.
 */
export const redactSecrets = (text: string, secrets: readonly string[]): string =>
  secrets.reduce((t, secret) => (secret ? t.replaceAll(secret, REDACTED) : t), text);

/** A JSON Web Token (every Entra access and ID token is one): three base64url parts, the first `{"`. */
const JWT = /eyJ[\w-]{4,}\.[\w-]*\.?[\w-]*/g;
/** A whole Authorization header's value, whatever its scheme (Bearer, Basic, NTLM). */
const AUTHORIZATION_HEADER = /(authorization"?\s*[:=]\s*"?)[^\r\n"]+/gi;
const BEARER = /\b(bearer\s+)[^\s",;]+/gi;
/** `password=…`, `"client_secret": "…"`, `access_token: …` and the like, in forms and JSON. */
const CREDENTIAL_FIELD =
  /\b([\w-]*(?:password|passwd|secret|token|assertion|pwd)[\w-]*"?\s*[:=]\s*"?)[^\s"&,;}]+/gi;

/**
 * The text with everything shaped like a credential replaced, whoever it belongs to: for texts
 * (the app log) written where the run's own secrets are not known.
 */
export const redactCredentials = (text: string): string =>
  text
    .replace(AUTHORIZATION_HEADER, `$1${REDACTED}`)
    .replace(BEARER, `$1${REDACTED}`)
    .replace(CREDENTIAL_FIELD, `$1${REDACTED}`)
    .replace(JWT, REDACTED);
