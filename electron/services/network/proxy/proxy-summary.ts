import type { NetworkSettings } from '../../../../shared/settings/network';
import { envProxySummary } from './env-proxy';

/** Where "the system's proxy settings" are read: Electron asks Chromium, the browser host the environment. */
export type SystemProxyKind = 'electron' | 'environment';

/** SCREENS.md §7's read-only trust store line. */
export const TRUST_STORE_TEXT = "This computer's certificate store and Node's built-in list";

function systemSummary(kind: SystemProxyKind): string {
  if (kind === 'electron')
    return "The system's proxy settings, as this computer resolves them for each address (automatic configuration scripts, WPAD and exceptions included).";
  const env = envProxySummary();
  return env
    ? `The system's proxy settings, here from the environment: ${env}.`
    : "The system's proxy settings, here from the environment: no HTTPS_PROXY, HTTP_PROXY or NO_PROXY is set, so connections go direct.";
}

/** Where the setting in force comes from, in one line (never a password). */
export function describeProxySetting(settings: NetworkSettings, kind: SystemProxyKind): string {
  if (settings.proxy === 'none')
    return "No proxy (the app's setting): every connection goes direct.";
  if (settings.proxy === 'system') return systemSummary(kind);
  const user = settings.proxyUser ? `, as ${settings.proxyUser}` : '';
  const bypass = settings.noProxyFor.trim() ? `; direct for ${settings.noProxyFor.trim()}` : '';
  return `Manual (the app's setting): ${settings.proxyAddress.trim()}${user}${bypass}.`;
}
