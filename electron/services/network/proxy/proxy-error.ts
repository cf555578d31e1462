import type { ProxyFault } from '../../../../shared/diagnosis/failure';

const sentences: Record<ProxyFault['kind'], (f: ProxyFault) => string> = {
  auth: (f) =>
    `The proxy ${f.proxy} asked for authentication${f.schemes?.length ? ` (${f.schemes.join(', ')})` : ''} to reach ${f.target}`,
  refused: (f) =>
    `The proxy ${f.proxy} refused to connect to ${f.target} (HTTP ${f.status ?? '?'})`,
  unreachable: (f) => `The proxy ${f.proxy} could not reach ${f.target} (HTTP ${f.status ?? '?'})`,
  timeout: (f) => `The proxy ${f.proxy} did not answer in time for ${f.target}`,
  down: (f) => `The proxy ${f.proxy} could not be reached`,
  pac: (f) => `The automatic proxy configuration script ${f.proxy} could not be used`,
};

/**
 * A connection the proxy stopped: the facts name the proxy, where its setting came from and the
 * host it was asked for, so the diagnosis never blames Microsoft for the proxy's answer. Never
 * carries the proxy password (the facts hold none).
 */
export class ProxyError extends Error {
  readonly code = 'EPROXY';

  constructor(
    readonly fault: ProxyFault,
    detail?: string,
  ) {
    super(`${sentences[fault.kind](fault)} (from ${fault.source})${detail ? `: ${detail}` : ''}.`);
    this.name = 'ProxyError';
  }
}

/** What a proxy's answer to CONNECT means: 407 asks for credentials, 502-504 could not reach, else refused. */
export function proxyFaultKind(
  status: number,
): Extract<ProxyFault['kind'], 'auth' | 'unreachable' | 'refused'> {
  if (status === 407) return 'auth';
  return status >= 502 && status <= 504 ? 'unreachable' : 'refused';
}
