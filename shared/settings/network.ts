import { z } from 'zod';
import type { FieldError } from './field-error';
import { values } from './system-settings';

/** SCREENS.md §7: where the proxy comes from. The default follows the computer. */
export const proxyModes = [
  { value: 'system', label: "Use the system's proxy settings" },
  { value: 'none', label: 'No proxy' },
  { value: 'manual', label: 'Manual' },
] as const;
export type ProxyMode = (typeof proxyModes)[number]['value'];

/** The saved Network settings (the settings file; the proxy password lives in the keychain). */
export const networkSettingsSchema = z.object({
  proxy: z.enum(values(proxyModes)),
  /** `http://proxy.corp.example:8080`; Manual only. Never carries a user or password. */
  proxyAddress: z.string().max(2048),
  proxyUser: z.string().max(256),
  /** Comma-separated host names or domains (`.corp.example`, `*.corp.example`, `host:port`, `*`). */
  noProxyFor: z.string().max(4096),
});
export type NetworkSettings = z.infer<typeof networkSettingsSchema>;

export const defaultNetworkSettings: NetworkSettings = {
  proxy: 'system',
  proxyAddress: '',
  proxyUser: '',
  noProxyFor: '',
};

/** The one Network secret (keychain), by the same name as its field's key. */
export const NETWORK_SECRET_KEY = 'proxyPassword';

/**
 * An automatic configuration script's path (PAC, or WPAD's `wpad.dat`): such an address names the
 * script that picks the proxy, so it may have a path where a proxy's address may not.
 */
const isProxyScriptPath = (pathname: string): boolean => /\.(pac|dat)$/i.test(pathname);

/**
 * A proxy address as typed: an http(s) URL with a host and port, no path and no credentials; or
 * the http(s) URL of an automatic configuration script (a path ending in `.pac` or `.dat`).
 */
export function proxyAddressError(address: string): string | undefined {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return 'Enter the proxy as a URL, e.g. http://proxy.corp.example:8080.';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return 'Start the proxy address with http:// or https://.';
  if (url.username || url.password)
    return 'Enter the proxy user name and password in their own fields, not in the address.';
  if (isProxyScriptPath(url.pathname) && !url.hash) return undefined;
  if (url.pathname !== '/' || url.search || url.hash)
    return 'Enter only a scheme, host and port as the proxy address, e.g. http://proxy.corp.example:8080.';
  return undefined;
}

/** Field errors of a Network form before it is saved. */
export function networkSettingsErrors(settings: NetworkSettings): FieldError[] {
  if (settings.proxy !== 'manual') return [];
  if (!settings.proxyAddress.trim())
    return [{ field: 'proxyAddress', message: 'Enter the proxy address, or choose No proxy.' }];
  const message = proxyAddressError(settings.proxyAddress);
  return message ? [{ field: 'proxyAddress', message }] : [];
}
