import type { networkFaults } from '../../../shared/diagnosis/failure';

export type NetworkFault = (typeof networkFaults)[number];

/** Node's socket and DNS codes, and the timeout codes of the clients we use (imapflow). */
const faultByCode: Readonly<Record<string, NetworkFault>> = {
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_FAIL: 'dns',
  EAI_NONAME: 'dns',
  ECONNREFUSED: 'refused',
  EHOSTUNREACH: 'refused',
  ENETUNREACH: 'refused',
  ECONNRESET: 'reset',
  ECONNABORTED: 'reset',
  EPIPE: 'reset',
  // OpenSSL's protocol errors: a TLS handshake the other end did not answer with TLS.
  EPROTO: 'tls',
  ETIMEDOUT: 'timeout',
  ESOCKETTIMEDOUT: 'timeout',
  ETIMEOUT: 'timeout',
  CONNECT_TIMEOUT: 'timeout',
  GREETING_TIMEOUT: 'timeout',
  UPGRADE_TIMEOUT: 'timeout',
};

/** OpenSSL's certificate verification codes, as Node passes them on. */
const certificateCodes = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
  'HOSTNAME_MISMATCH',
]);

const faultOfCode = (code: string): NetworkFault | undefined =>
  faultByCode[code] ??
  (certificateCodes.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_')
    ? 'tls'
    : undefined);

/** The errors a client wraps around the socket's own: `cause` (standard) and imapflow's `_err`. */
const innerErrors = (error: object): unknown[] => [
  'cause' in error ? error.cause : undefined,
  '_err' in error ? error._err : undefined,
];

/**
 * Which network fault (if any) stopped a connection, from the error or any error it wraps, so
 * the diagnosis table can name it whichever client raised it.
 */
export function networkFaultOf(error: unknown, depth = 0): NetworkFault | undefined {
  if (typeof error !== 'object' || error === null || depth > 4) return undefined;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  const own = code === undefined ? undefined : faultOfCode(code);
  if (own) return own;
  for (const inner of innerErrors(error)) {
    const fault = networkFaultOf(inner, depth + 1);
    if (fault) return fault;
  }
  return undefined;
}
