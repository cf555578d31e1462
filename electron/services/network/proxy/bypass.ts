/**
 * Whether `host:port` is in a bypass list ("No proxy for", NO_PROXY's forms): `*`, a host name,
 * a domain with or without a leading dot or `*.`, each with an optional `:port`.
 */
export function isBypassed(list: string, host: string, port: number): boolean {
  const name = host.toLowerCase();
  return list
    .split(/[,\s]+/)
    .filter(Boolean)
    .some((raw) => {
      const entry = raw.toLowerCase();
      if (entry === '*') return true;
      const match = /^(.+):(\d+)$/.exec(entry);
      const pattern = match?.[1] ?? entry;
      if (match && Number(match[2]) !== port) return false;
      const domain = pattern.replace(/^\*/, '');
      return domain.startsWith('.')
        ? name.endsWith(domain) || name === domain.slice(1)
        : name === domain;
    });
}
