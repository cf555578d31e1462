import type { AppProxySetting, AppProxySettingSource } from '../proxy-setting';
import { isBypassed } from './bypass';
import { envProxyFor } from './env-proxy';
import { choiceFromPacAnswer } from './pac-answer';
import { pacAnswer } from './pac-script';
import type { ProxyChoice } from './proxy-choice';

/** Electron's `session.resolveProxy`: what the system's settings (PAC, WPAD, exceptions) say for a URL. */
export type SystemProxyResolver = (url: string) => Promise<string>;

export interface ProxyResolverOptions {
  /** The Network procedure's saved setting, read per connection so a Save applies at once. */
  appSetting: AppProxySettingSource;
  /** Present in Electron; the browser host reads the environment instead. */
  system?: SystemProxyResolver;
  /** Fetches an automatic configuration script (direct, bounded by the seam's timeout). */
  fetchScript: (url: string) => Promise<string>;
}

/** How each connection goes, decided per host and port. */
export type ProxyResolver = (host: string, port: number) => Promise<ProxyChoice>;

/** Every connection straight to its host: demo routes, and where no proxy setting is given. */
export const directResolver: ProxyResolver = async () => ({ kind: 'direct', source: undefined });

/** A Proxy address that names a script rather than a proxy (`…/proxy.pac`, `…/wpad.dat`). */
export const isPacAddress = (address: string): boolean =>
  /\.(pac|dat)$/i.test(new URL(address).pathname);

/** The app's user name and password go with a proxy whose own setting carries none. */
function withAppCredentials(choice: ProxyChoice, setting: AppProxySetting): ProxyChoice {
  if (choice.kind === 'direct' || choice.proxy.user || !setting.proxyUser) return choice;
  return {
    ...choice,
    proxy: { ...choice.proxy, user: setting.proxyUser, password: setting.password },
  };
}

async function manualChoice(
  setting: AppProxySetting,
  host: string,
  port: number,
  options: ProxyResolverOptions,
) {
  if (isBypassed(setting.noProxyFor, host, port))
    return { kind: 'direct', source: { kind: 'app' } } as const;
  const address = setting.proxyAddress.trim();
  if (!isPacAddress(address))
    return { kind: 'proxy', proxy: { url: new URL(address) }, source: { kind: 'app' } } as const;
  const answer = await pacAnswer(address, `https://${host}:${port}/`, options.fetchScript);
  return choiceFromPacAnswer(answer, { kind: 'pac', script: address });
}

async function systemChoice(
  host: string,
  port: number,
  options: ProxyResolverOptions,
): Promise<ProxyChoice> {
  if (!options.system) return envProxyFor(host, port);
  return choiceFromPacAnswer(await options.system(`https://${host}:${port}/`), { kind: 'system' });
}

/**
 * The proxy for each connection: the app's setting when it says No proxy or Manual (with its
 * bypass list and, for an automatic configuration script, the script's answer), else what the
 * system says (Electron) or the environment (browser host). SMTP and IMAP are asked like HTTPS.
 */
export function createProxyResolver(options: ProxyResolverOptions): ProxyResolver {
  return async (host, port) => {
    const setting = await options.appSetting();
    if (setting.proxy === 'none') return { kind: 'direct', source: { kind: 'app' } };
    const choice =
      setting.proxy === 'manual'
        ? await manualChoice(setting, host, port, options)
        : await systemChoice(host, port, options);
    return withAppCredentials(choice, setting);
  };
}
