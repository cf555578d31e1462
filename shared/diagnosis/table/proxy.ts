import type { FailureFacts, ProxyFault } from '../failure';
import type { DiagnosisEntry } from './entry';

/** Stand for the facts of a proxy or certificate failure in a row's text; `describeFailure` fills them in. */
export const PROXY_PLACEHOLDER = '<proxy>';
export const PROXY_SOURCE_PLACEHOLDER = '<proxy source>';
export const TARGET_PLACEHOLDER = '<target>';
export const ISSUER_PLACEHOLDER = '<issuer>';

const P = PROXY_PLACEHOLDER;
const S = PROXY_SOURCE_PLACEHOLDER;
const T = TARGET_PLACEHOLDER;
const I = ISSUER_PLACEHOLDER;

/** Microsoft's advice for proxies and inspection: Microsoft 365 network connectivity principles. */
const PRINCIPLES =
  'https://learn.microsoft.com/microsoft-365/enterprise/microsoft-365-network-connectivity-principles';

const WHERE_SET = `The proxy comes from ${S}: change it there, or set the proxy in Network.`;

const proxy =
  (kind: ProxyFault['kind'], more: (p: ProxyFault) => boolean = () => true) =>
  (f: FailureFacts) =>
    f.proxy?.kind === kind && more(f.proxy);

/**
 * Microsoft 365's own hosts: their chains end in public roots, so a private root there can only
 * be something in between (a TLS-inspecting proxy or antivirus). A company's own server may have
 * an internal CA of its own; that is not inspection.
 */
export const isMicrosoft365Host = (host: string): boolean =>
  /(^|\.)(microsoftonline\.com|office365\.com|microsoft\.com|outlook\.com)(:\d+)?$/i.test(
    host.split(',')[0]?.trim() ?? '',
  );

const notHttpsPort = (p: ProxyFault) => !/:443$/.test(p.target);

export const proxyDiagnoses: DiagnosisEntry[] = [
  {
    id: 'proxy-auth-wrong',
    symptom: 'Proxy authentication failed (407)',
    matches: proxy('auth', (p) => p.credentialsSent === true),
    meaning: `The proxy ${P} refused the proxy user name and password this computer sent to reach ${T}.`,
    fix: `Check Proxy user name and Proxy password in Network (or the user and password in ${S}). The proxy asked for <schemes>.`,
    setupSteps: [],
  },
  {
    id: 'proxy-auth',
    symptom: 'Proxy authentication required (407)',
    matches: proxy('auth'),
    meaning: `The proxy ${P} asks for a user name and password (<schemes>) before it lets this computer reach ${T}.`,
    fix:
      'Enter Proxy user name and Proxy password in Network (kept in the keychain). Microsoft advises exempting Microsoft 365 ' +
      `endpoints from proxy authentication (${PRINCIPLES}): the ERP's server may meet the same proxy.`,
    setupSteps: [],
  },
  {
    id: 'proxy-refused-mail-port',
    symptom: 'Proxy refused a mail port (403)',
    matches: proxy('refused', notHttpsPort),
    meaning: `The proxy ${P} (from ${S}) refused to connect to ${T}: it lets connections through to HTTPS (port 443) only, as many proxies do. This answer came from the proxy, not from Microsoft.`,
    fix:
      `SMTP and IMAP are not HTTPS. Ask the network admin for a firewall rule that lets this computer and the ERP's server reach ${T} directly, ` +
      'or ask the proxy admin to allow CONNECT to that port, or send through Microsoft Graph, which uses HTTPS (port 443).',
    setupSteps: [],
  },
  {
    id: 'proxy-refused',
    symptom: 'Proxy refused the connection (403)',
    matches: proxy('refused'),
    meaning: `The proxy ${P} (from ${S}) refused to connect to ${T}. This answer came from the proxy's own rules, not from Microsoft.`,
    fix: `Ask the proxy admin to allow ${T}: Microsoft lists the Microsoft 365 endpoints to allow and advises letting them through without inspection (${PRINCIPLES}).`,
    setupSteps: [],
  },
  {
    id: 'proxy-unreachable',
    symptom: 'Proxy could not reach the host (502/503/504)',
    matches: proxy('unreachable'),
    meaning: `The proxy ${P} (from ${S}) could not reach ${T}: the error came from the proxy, not from Microsoft.`,
    fix: `Test again in a minute. If it stays, ask the proxy admin whether the proxy can resolve and reach ${T}.`,
    setupSteps: [],
  },
  {
    id: 'proxy-timeout',
    symptom: 'Proxy did not answer (timeout)',
    matches: proxy('timeout'),
    meaning: `The proxy ${P} (from ${S}) accepted the connection but did not answer in time for ${T}.`,
    fix: `Check that ${P} is the company's proxy and that it is running. ${WHERE_SET}`,
    setupSteps: [],
  },
  {
    id: 'proxy-down',
    symptom: 'Proxy not reachable',
    matches: proxy('down'),
    meaning: `The proxy ${P} (from ${S}) could not be reached, so nothing went to ${T}.`,
    fix: `Check the proxy's address and port. ${WHERE_SET}`,
    setupSteps: [],
  },
  {
    id: 'proxy-pac',
    symptom: 'Automatic proxy configuration script not loaded',
    matches: proxy('pac'),
    meaning: `The automatic proxy configuration script ${P} could not be loaded or run, so the app could not tell which proxy leads to ${T}.`,
    fix: `Check that ${P} opens in a browser on this computer, or ask IT for the script's address. Or set Proxy to Manual with the proxy's address in Network.`,
    setupSteps: [],
  },
  {
    id: 'tls-inspected',
    symptom: 'TLS inspected by a proxy (certificate from a private root)',
    matches: (f) =>
      f.certificate?.privateRoot === true &&
      !f.certificate.trusted &&
      isMicrosoft365Host(f.host ?? ''),
    meaning: `The connection to ${T} is inspected: its certificate was issued by ${I}, which is not a public root and which this computer does not trust. Nothing was sent.`,
    fix:
      `Microsoft advises exempting Microsoft 365 endpoints from TLS inspection (${PRINCIPLES}): ask the network admin to exempt ${T}. ` +
      `Or install ${I}'s root certificate in this computer's certificate store, which the app reads (restart the app afterwards).`,
    setupSteps: [],
  },
];
