import type { SystemProxyResolver } from '../services/network/proxy/proxy-resolver';

/**
 * The system's proxy for a URL as Chromium resolves it (the OS settings, PAC, WPAD, per-host
 * exceptions) through Electron's session, in its PAC-style answer ("PROXY proxy.corp:8080; DIRECT"). A failed resolution
 * reads as DIRECT, as Chromium itself falls back when a script cannot be loaded.
 */
export const electronSystemProxy =
  (session: { resolveProxy(url: string): Promise<string> }): SystemProxyResolver =>
  async (url) => {
    try {
      return await session.resolveProxy(url);
    } catch {
      return 'DIRECT';
    }
  };
