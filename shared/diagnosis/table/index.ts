import { networkDiagnoses } from '../network';
import { beforeSignInDiagnoses } from './before-sign-in';
import { deliveryDiagnoses } from './delivery';
import type { DiagnosisEntry } from './entry';
import { ewsDiagnoses } from './ews';
import { graphDiagnoses } from './graph';
import { imapDiagnoses } from './imap';
import { proxyDiagnoses } from './proxy';
import { signInDiagnoses } from './sign-in';
import { smtpDiagnoses } from './smtp';
import { transientDiagnoses } from './transient';
import { wrongPortDiagnoses } from './wrong-port';

export { CLIENT_ID_PLACEHOLDER, type DiagnosisEntry, type SetupStepRef } from './entry';

/**
 * Every failure FLOWS.md §4 names, in the order they are matched: the first entry that matches
 * explains the failure. Codes come from Microsoft's Entra error reference and EWS documentation.
 */
export const diagnosisTable: DiagnosisEntry[] = [
  ...beforeSignInDiagnoses,
  // A bounce is read from its DSN alone: no other row matches the delivery step.
  ...deliveryDiagnoses,
  // The proxy's own answers and TLS inspection come first: they are never Microsoft's answer.
  ...proxyDiagnoses,
  ...signInDiagnoses,
  ...ewsDiagnoses,
  ...graphDiagnoses,
  ...transientDiagnoses,
  ...imapDiagnoses,
  // Another protocol's answer to a TLS handshake says more than the TLS error it causes.
  ...wrongPortDiagnoses,
  ...smtpDiagnoses,
  // Network faults of each service, after the SMTP ones above (which know its ports).
  ...networkDiagnoses,
];
