import type { ProxyChoice, ProxySource } from './proxy-choice';

/**
 * The first usable entry of a PAC-style answer (`PROXY a:8080; DIRECT`, as a PAC script and
 * Electron's `session.resolveProxy` give it). HTTP(S) proxies and DIRECT are followed; SOCKS
 * entries are skipped, as the tunnel speaks HTTP CONNECT only.
 */
export function choiceFromPacAnswer(answer: string, source: ProxySource): ProxyChoice {
  for (const entry of answer.split(';')) {
    const [keyword = '', address] = entry.trim().split(/\s+/);
    const kind = keyword.toUpperCase();
    if (kind === 'DIRECT') return { kind: 'direct', source };
    if ((kind === 'PROXY' || kind === 'HTTPS') && address) {
      const scheme = kind === 'HTTPS' ? 'https' : 'http';
      return { kind: 'proxy', proxy: { url: new URL(`${scheme}://${address}`) }, source };
    }
  }
  return { kind: 'direct', source };
}
