import type { FailureFacts } from '../failure';
import type { DiagnosisEntry } from './entry';

/**
 * An IMAP server refusing the login: Dovecot and most servers answer [AUTHENTICATIONFAILED],
 * Exchange Online "AUTHENTICATE failed" (XOAUTH2) or "LOGIN failed".
 */
const imapLoginRefused = (f: FailureFacts) =>
  f.step === 'imap' &&
  f.network === undefined &&
  /AUTHENTICATIONFAILED|AUTHENTICATE failed|LOGIN failed|authentication failed|invalid credentials/i.test(
    f.message,
  );

/** An IMAP server refusing the login. */
export const imapDiagnoses: DiagnosisEntry[] = [
  {
    id: 'imap-login-failed',
    symptom: 'IMAP login refused (authentication failed)',
    matches: imapLoginRefused,
    meaning: 'The user name or the password is wrong, or IMAP is disabled for the mailbox.',
    fix: 'Check the account’s User name and Password, and that IMAP is enabled for the mailbox.',
    setupSteps: [],
  },
];
