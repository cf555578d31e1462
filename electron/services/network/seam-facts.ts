import type { FailureFacts } from '../../../shared/diagnosis/failure';
import { CertificateError } from './certificate-facts';
import { ProxyError } from './proxy/proxy-error';

/** The error of `type` a client wrapped (`cause`, imapflow's `_err`, axios' `cause`), if any. */
function wrapped<T>(error: unknown, type: new (...args: never[]) => T, depth = 0): T | undefined {
  if (error instanceof type) return error;
  if (typeof error !== 'object' || error === null || depth > 4) return undefined;
  for (const key of ['cause', '_err'])
    if (key in error) {
      const inner = wrapped((error as Record<string, unknown>)[key], type, depth + 1);
      if (inner) return inner;
    }
  return undefined;
}

/**
 * What the network seam knew about a failure that a client (msal-node, axios, nodemailer,
 * imapflow) passed on as a plain error: the proxy's answer, or the certificate it refused.
 */
export function seamFacts(error: unknown): Partial<FailureFacts> {
  const proxy = wrapped(error, ProxyError);
  if (proxy) return { proxy: proxy.fault };
  const certificate = wrapped(error, CertificateError);
  if (certificate)
    return {
      network: 'tls',
      ...(certificate.certificate ? { certificate: certificate.certificate } : {}),
    };
  return {};
}
