import type { ConnectionRow } from '../../../shared/contract/network';

/** The TLS cell: "issuer; trusted" or "…; not trusted", then who inspects it; a dash without TLS. */
export function tlsText(tls: ConnectionRow['tls']): string {
  if (!tls) return '—';
  const trust = `${tls.issuer}; ${tls.trusted ? 'trusted' : 'not trusted'}`;
  return tls.inspectedBy ? `${trust}; inspected by ${tls.inspectedBy}` : trust;
}

/** The Result cell's first line: "OK", or the diagnosis's meaning. */
export const resultText = (row: ConnectionRow): string => (row.ok ? 'OK' : row.result);
