import { NETWORK_SECRET_KEY, proxyModes, type NetworkSettings, type ProxyMode } from './network';

/** A Network row's key: a field of the form, or the proxy password (keychain). */
export type NetworkFieldKey = keyof NetworkSettings | typeof NETWORK_SECRET_KEY;

export type NetworkControl =
  | { kind: 'select'; options: readonly { value: string; label: string }[] }
  | { kind: 'text'; placeholder?: string }
  | { kind: 'secret' };

export interface NetworkRow {
  key: NetworkFieldKey;
  /** The accessible name: exactly the label in SCREENS.md §7. */
  label: string;
  /** Name used in the errors panel. */
  short: string;
  control: NetworkControl;
  help: string;
}

/** The Network procedure's rows, in SCREENS.md §7's order. */
export const networkRows: NetworkRow[] = [
  {
    key: 'proxy',
    label: 'Proxy',
    short: 'Proxy',
    control: { kind: 'select', options: proxyModes },
    help: "Where the app's connections to Microsoft 365 find their proxy. The system's settings are this computer's (in the browser host: HTTPS_PROXY, HTTP_PROXY and NO_PROXY).",
  },
  {
    key: 'proxyAddress',
    label: 'Proxy address',
    short: 'Proxy address',
    control: { kind: 'text', placeholder: 'http://proxy.corp.example:8080' },
    help: 'The proxy as a URL with its port, e.g. http://proxy.corp.example:8080, or the address of an automatic configuration script ending in .pac or .dat. Manual only.',
  },
  {
    key: 'proxyUser',
    label: 'Proxy user name',
    short: 'Proxy user',
    control: { kind: 'text' },
    help: 'Only if the proxy asks the app to sign in; leave empty otherwise.',
  },
  {
    key: NETWORK_SECRET_KEY,
    label: 'Proxy password',
    short: 'Proxy password',
    control: { kind: 'secret' },
    help: "The proxy user's password, kept in this computer's keychain like every secret.",
  },
  {
    key: 'noProxyFor',
    label: 'No proxy for',
    short: 'No proxy for',
    control: { kind: 'text', placeholder: '.corp.example, mail.corp.example' },
    help: 'Host names or domains, separated by commas, that are reached directly rather than through the proxy. Manual only.',
  },
];

const manualOnly: readonly NetworkFieldKey[] = ['proxyAddress', 'noProxyFor'];

/** Whether a row applies under the chosen Proxy; the others are disabled, keeping their values. */
export const isNetworkFieldEnabled = (key: NetworkFieldKey, proxy: ProxyMode): boolean =>
  proxy === 'manual' || !manualOnly.includes(key);
