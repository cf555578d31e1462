import type { FailureFacts } from '../failure';
import { isEwsStep } from './matchers';
import type { DiagnosisEntry } from './entry';

/** OpenSSL's words when the other end answered in plain text (an SMTP banner) instead of TLS. */
const NOT_TLS = /wrong version number|packet length too long|unknown protocol|http request/i;

const notTls = (f: FailureFacts) => f.network === 'tls' && NOT_TLS.test(f.message);

/**
 * A TLS handshake answered by another protocol: the address and port are a server's, but not of
 * the kind the method speaks (HTTPS to smtp.office365.com:587, TLS from the first byte to 587).
 */
export const wrongPortDiagnoses: DiagnosisEntry[] = [
  {
    id: 'ews-port-not-https',
    symptom: 'EWS: the TLS handshake was answered in plain text (e.g. an SMTP port)',
    matches: (f) => isEwsStep(f) && notTls(f),
    meaning:
      'The server address and port answer, but not with HTTPS: the port speaks another protocol (smtp.office365.com:587 speaks SMTP), so no EWS request could be made. Nothing was sent.',
    fix: 'EWS in Exchange Online is at outlook.office365.com with Port 0 (443): set Server address (Exchange/SMTP) to outlook.office365.com and Port (Exchange/SMTP) to 0. For an on-premises Exchange, enter its EWS host and its HTTPS port.',
    setupSteps: [
      {
        part: 'app',
        steps: [15, 16],
        title: 'Server address (Exchange/SMTP) and Port (Exchange/SMTP)',
      },
    ],
  },
  {
    id: 'smtp-port-not-tls',
    symptom: 'SMTP: TLS from the first byte answered in plain text (a STARTTLS port)',
    matches: (f) => f.step.startsWith('smtp-') && notTls(f),
    meaning:
      'Use SSL = Yes starts TLS at once, but this port answers in plain text first (an SMTP banner): it is a STARTTLS port. smtp.office365.com takes STARTTLS on 587 only.',
    fix: 'Set Use SSL = No for port 587 (STARTTLS; smtp.office365.com), or use the server’s implicit-TLS port (465) with Use SSL = Yes.',
    setupSteps: [
      { part: 'smtp', steps: [19], title: 'Use SSL' },
      {
        part: 'smtp',
        steps: [15, 16],
        title: 'Server address (Exchange/SMTP) and Port (Exchange/SMTP)',
      },
    ],
  },
];
