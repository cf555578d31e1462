import type { CheckStep, FailureFacts } from './failure';
import type { DiagnosisEntry, SetupStepRef } from './table/entry';

/** The service a step talks to: what an admin must let through, and where its host is set. */
export type NetworkService = 'sign-in' | 'ews' | 'graph' | 'smtp' | 'imap';
type NetworkFault = NonNullable<FailureFacts['network']>;

const serviceNames: Record<NetworkService, string> = {
  'sign-in': 'Microsoft sign-in',
  ews: 'Exchange Web Services (EWS)',
  graph: 'Microsoft Graph',
  smtp: 'The SMTP server',
  imap: 'The IMAP server',
};

/** The port a firewall must open, in the fix's words. */
const servicePorts: Record<NetworkService, string> = {
  'sign-in': 'HTTPS (port 443)',
  ews: 'HTTPS (port 443, or the Port set)',
  graph: 'HTTPS (port 443)',
  smtp: 'the SMTP port (587, or 465 with Use SSL = Yes)',
  imap: 'the IMAP port (993, or the Port set)',
};

export function networkServiceOf(step: CheckStep): NetworkService | undefined {
  if (step === 'token') return 'sign-in';
  if (step === 'send' || step === 'folder') return 'ews';
  if (step === 'graph-send' || step === 'graph-folder') return 'graph';
  if (step === 'imap') return 'imap';
  if (step.startsWith('smtp-')) return 'smtp';
  return undefined;
}

/** Stands for the host that failed in a network fix; `describeFailure` fills it in. */
export const HOST_PLACEHOLDER = '<host>';

/** The host a service is reached at when the facts do not name it. */
export const defaultHostOf = (service: NetworkService | undefined): string =>
  service === 'sign-in'
    ? 'login.microsoftonline.com'
    : service === 'graph'
      ? 'graph.microsoft.com'
      : 'the server';

/** Settings for incoming e-mail's own field (a link there focuses it; no walkthrough step). */
const INCOMING_SERVER_NAME: SetupStepRef = { part: 'incoming', steps: [], title: 'Server name' };

/**
 * Where the failed host is set, on each screen. Microsoft sign-in and Graph have fixed hosts that
 * no row holds, so they link nowhere: a row is named only when its host is the one that failed.
 */
const hostRows: Record<NetworkService, SetupStepRef[]> = {
  'sign-in': [],
  graph: [],
  ews: [
    {
      part: 'app',
      steps: [15, 16],
      title: 'Server address (Exchange/SMTP) and Port (Exchange/SMTP)',
    },
    INCOMING_SERVER_NAME,
  ],
  smtp: [
    {
      part: 'smtp',
      steps: [15, 16],
      title: 'Server address (Exchange/SMTP) and Port (Exchange/SMTP)',
    },
  ],
  imap: [INCOMING_SERVER_NAME],
};

/** Whether the host comes from a setting the admin typed (so a typo is a likely cause). */
const typedHost = (service: NetworkService) => hostRows[service].length > 0;

const H = HOST_PLACEHOLDER;

const faultTexts: Record<
  NetworkFault,
  { symptom: string; meaning(s: string): string; fix(s: NetworkService): string }
> = {
  dns: {
    symptom: 'DNS failure',
    meaning: (s) => `${s} could not be reached: this computer could not look up its name (DNS).`,
    fix: (s) =>
      `${typedHost(s) ? `Check ${H} for typos. ` : ''}Check that this computer resolves ${H} (nslookup ${H}): ` +
      'without a network connection, or with a VPN that is down or a company DNS server that does not know the name, it fails. ' +
      'Where the internet is reached only through a proxy, the Route line says which way the app went: it follows the system’s proxy settings, or the proxy set in Network.',
  },
  refused: {
    symptom: 'Connection refused',
    meaning: (s) => `${s} refused the connection.`,
    fix: (s) =>
      `${typedHost(s) ? `Check ${H} and the port. ` : ''}A firewall or proxy may block ${servicePorts[s]} to ${H}: ` +
      `ask the network admin to allow it, or connect through the VPN, or set in Network the proxy the network requires (the Route line says which way the app went).`,
  },
  reset: {
    symptom: 'Connection reset',
    meaning: (s) => `${s} dropped the connection before answering.`,
    fix: (s) =>
      `A firewall, proxy or VPN between this computer and ${H} cut the connection (${servicePorts[s]}): ` +
      'ask the network admin to allow it, then test again.',
  },
  tls: {
    symptom: 'TLS error (certificate not trusted)',
    meaning: (s) =>
      `${s}’s certificate could not be verified, so nothing was sent: usually a company proxy or antivirus that inspects TLS.`,
    fix: (s) =>
      `The app trusts this computer’s certificate store and Node’s list. Exempt ${H} from TLS inspection (Microsoft’s advice), or install the inspecting proxy’s root certificate in this computer’s certificate store. ` +
      `${typedHost(s) ? `Also check that ${H} is the name the server’s certificate is issued for, and ` : 'Also check '}that this computer’s clock is right.`,
  },
  timeout: {
    symptom: 'Timeout',
    meaning: (s) => `${s} did not answer in time.`,
    fix: (s) =>
      `${typedHost(s) ? `Check ${H} and the port. ` : ''}A firewall that drops ${servicePorts[s]} to ${H}, a proxy the network requires but the app was not given ` +
      '(the Route line says which way it went; set it in Network), or a VPN that is down makes connections hang: check with the network admin, then test again.',
  },
};

const services = Object.keys(serviceNames) as NetworkService[];
const faults = Object.keys(faultTexts) as NetworkFault[];

/**
 * One diagnosis per network fault and service: the meaning names the service, the fix the host
 * (filled in from the facts) and the real cause (DNS, proxy, firewall, VPN, TLS inspection).
 */
export const networkDiagnoses: DiagnosisEntry[] = faults.flatMap((fault) =>
  services.map((service) => ({
    id: `${fault}-${service}`,
    symptom: `${faultTexts[fault].symptom} (${serviceNames[service].replace(/^The /, '')})`,
    matches: (f: FailureFacts) => f.network === fault && networkServiceOf(f.step) === service,
    meaning: faultTexts[fault].meaning(serviceNames[service]),
    fix: faultTexts[fault].fix(service),
    setupSteps: hostRows[service],
  })),
);
