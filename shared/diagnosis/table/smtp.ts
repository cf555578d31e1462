import type { FailureFacts } from '../failure';
import type { DiagnosisEntry, SetupStepRef } from './entry';

const isSmtpStep = (f: FailureFacts) => f.step.startsWith('smtp-');

/** An SMTP reply with this enhanced status (or basic code), whatever step it came in. */
const smtpReply =
  (test: (code: number | undefined, status: string | undefined) => boolean, text?: RegExp) =>
  (f: FailureFacts) =>
    isSmtpStep(f) &&
    f.network === undefined &&
    test(f.smtpCode, f.smtpStatus) &&
    (text === undefined || text.test(f.message));

const status5_7_139 = (_code: number | undefined, status: string | undefined) =>
  status === '5.7.139';

const smtpNetwork =
  (...faults: NonNullable<FailureFacts['network']>[]) =>
  (f: FailureFacts) =>
    isSmtpStep(f) && f.network !== undefined && faults.includes(f.network);

const SMTP_SERVER_ROWS: SetupStepRef[] = [
  {
    part: 'smtp',
    steps: [15, 16],
    title: 'Server address (Exchange/SMTP) and Port (Exchange/SMTP)',
  },
  { part: 'smtp', steps: [19], title: 'Use SSL' },
];
const SMTP_LOGIN_ROWS: SetupStepRef[] = [
  { part: 'smtp', steps: [17, 18], title: 'User name (SMTP) and Password (SMTP)' },
];
/** Rows 21–24 as the SMTP method's XOAUTH2 reads them, in the walkthrough of row 23's flow. */
const OAUTH_ROWS: SetupStepRef[] = [
  {
    part: 'smtp',
    steps: [21, 22, 23],
    title:
      'Application (client) ID, Directory (tenant) ID, Authentication flow = User name/Password',
    flow: 'password',
  },
  {
    part: 'smtp',
    steps: [21, 22, 23, 24],
    title: 'Application (client) ID, Directory (tenant) ID, Authentication flow, Client secret',
    flow: 'client-secret',
  },
];

/** Where Basic auth is refused: rows 21–24 and where they open, the permission, the other way. */
const OAUTH_FIX =
  'Exchange Online takes only OAuth (XOAUTH2) here. Rows 21–24 are open for SMTP while Server address (row 15) is smtp.office365.com: fill in Application (client) ID and Directory (tenant) ID, choose Authentication flow (User name/Password logs in as User name (SMTP) with Password (SMTP); Client secret also needs row 24), grant the app SMTP.Send (User name/Password) or SMTP.SendAsApp (Client secret), and Test again: the XOAUTH2 attempt line says whether OAuth works. Or send through Microsoft Graph (E-mail method Server based, via Microsoft Exchange Online).';

/** SMTP replies and connection faults, which know the SMTP rows that fix them. */
export const smtpDiagnoses: DiagnosisEntry[] = [
  {
    id: 'smtp-auth-disabled',
    symptom:
      'SMTP 535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant / Mailbox',
    matches: smtpReply(status5_7_139, /SmtpClientAuthentication is disabled/i),
    meaning:
      'Exchange Online has SMTP AUTH (authenticated client submission) switched off for the organisation or for this mailbox, so it takes no login on smtp.office365.com.',
    fix: 'In Exchange Online PowerShell: Set-TransportConfig -SmtpClientAuthenticationDisabled $false (organisation) and Set-CASMailbox -Identity <mailbox> -SmtpClientAuthenticationDisabled $false (this mailbox), then wait a few minutes. Or send through Microsoft Graph instead of SMTP.',
    setupSteps: SMTP_LOGIN_ROWS,
  },
  {
    id: 'smtp-basic-auth-disabled',
    symptom: 'SMTP 535 5.7.139 Authentication unsuccessful, basic authentication is disabled',
    matches: smtpReply(status5_7_139, /basic authentication is disabled/i),
    meaning:
      'Exchange Online does not accept a password for SMTP AUTH in this organisation (Basic authentication is off, e.g. by security defaults).',
    fix: OAUTH_FIX,
    setupSteps: OAUTH_ROWS,
  },
  {
    id: 'smtp-credentials-incorrect',
    symptom: 'SMTP 535 5.7.139 Authentication unsuccessful, the user credentials were incorrect',
    matches: smtpReply(status5_7_139),
    meaning:
      'Exchange Online refused the login: the user name or password is wrong, or the account must use multi-factor authentication, which SMTP AUTH cannot do.',
    fix: 'Check User name (SMTP) (the mailbox’s full address) and enter the password again. For an account with MFA use OAuth (XOAUTH2, rows 21–24) or Microsoft Graph.',
    setupSteps: SMTP_LOGIN_ROWS,
  },
  {
    id: 'smtp-basic-auth-not-supported',
    symptom: 'SMTP 550 5.7.30 Basic authentication is not supported for Client Submission',
    matches: smtpReply((_code, status) => status === '5.7.30'),
    meaning:
      'Exchange Online no longer takes a password for SMTP AUTH here. Basic authentication for SMTP AUTH is off by default for existing tenants from the end of December 2026; Microsoft will announce its final removal in 2027.',
    fix: OAUTH_FIX,
    setupSteps: OAUTH_ROWS,
  },
  {
    id: 'smtp-not-authenticated',
    symptom: 'SMTP 530 5.7.57 Client not authenticated to send mail',
    matches: smtpReply((code, status) => status === '5.7.57' || (code === 530 && !status)),
    meaning: 'The server takes mail only after a login (AUTH), and none happened.',
    fix: 'Fill in User name (SMTP) and Password (SMTP) (or the OAuth rows 21–24). With smtp.office365.com use port 587 and Use SSL = No (STARTTLS).',
    setupSteps: [...SMTP_LOGIN_ROWS, ...SMTP_SERVER_ROWS],
  },
  {
    id: 'smtp-send-as-denied',
    symptom: 'SMTP 5.7.60 SendAsDenied / 554 5.2.252 SendAsDenied',
    matches: smtpReply(
      (_code, status) => status === '5.7.60' || status === '5.2.252',
      /SendAsDenied|send as|not allowed to send/i,
    ),
    meaning: 'The logged-in user may not send as the Sender address.',
    fix: 'Give the user Send As on the Sender’s mailbox (Exchange admin center → Recipients → the mailbox → Delegation → Send as), or use the user’s own address as Sender.',
    setupSteps: SMTP_LOGIN_ROWS,
  },
  {
    id: 'smtp-oauth-refused',
    symptom: 'SMTP XOAUTH2 refused (535 5.7.3 Authentication unsuccessful)',
    matches: (f) => f.step === 'smtp-oauth' && smtpReply((code) => code === 535)(f),
    meaning:
      'Exchange Online refused the OAuth token for SMTP: the app has no consented SMTP.Send (delegated) or SMTP.SendAsApp (application) permission, or, for Client secret, its service principal is not registered in Exchange or has no permission on the mailbox.',
    fix: 'Add SMTP.Send (User name/Password) or SMTP.SendAsApp (Client secret) of Office 365 Exchange Online to the app and grant admin consent. For Client secret also run New-ServicePrincipal and Add-MailboxPermission for the Sender’s mailbox in Exchange Online PowerShell.',
    setupSteps: OAUTH_ROWS,
  },
  {
    id: 'smtp-wrong-password',
    symptom: 'SMTP 535 authentication failed (e.g. 535 5.7.8)',
    matches: smtpReply((code) => code === 535),
    meaning: 'The server refused the login: the user name or the password is wrong.',
    fix: 'Check User name (SMTP) and enter Password (SMTP) again. Some servers want the full e-mail address as user name.',
    setupSteps: SMTP_LOGIN_ROWS,
  },
  {
    id: 'smtp-no-starttls',
    symptom: 'SMTP server offers no STARTTLS',
    matches: (f) => f.step === 'smtp-tls' && /does not offer STARTTLS/.test(f.message),
    meaning:
      'The server does not offer STARTTLS on this port, so the password would travel unencrypted. Nothing was sent.',
    fix: 'Set Use SSL = Yes with the server’s implicit-TLS port (usually 465), or use the port on which the server offers STARTTLS (usually 587).',
    setupSteps: SMTP_SERVER_ROWS,
  },
  {
    id: 'smtp-no-auth-mechanism',
    symptom: 'SMTP server offers no suitable AUTH mechanism',
    matches: (f) => isSmtpStep(f) && /does not offer AUTH/.test(f.message),
    meaning:
      'The server offers no login of the kind needed on this port: it may be a relay port rather than the submission port, or need TLS first.',
    fix: 'Use the submission port (587 with STARTTLS, or 465 with Use SSL = Yes); for OAuth, the server must offer XOAUTH2 (smtp.office365.com does).',
    setupSteps: SMTP_SERVER_ROWS,
  },
  {
    id: 'smtp-connection-refused',
    symptom: 'SMTP: connection refused or reset',
    matches: smtpNetwork('refused', 'reset'),
    meaning: 'The SMTP server did not accept the connection, or dropped it.',
    fix: 'Check Server address and Port (0 uses 587, or 465 with Use SSL = Yes), and that a firewall lets this computer reach the port (many networks block outgoing SMTP).',
    setupSteps: SMTP_SERVER_ROWS,
  },
  {
    id: 'smtp-tls',
    symptom: 'SMTP: TLS error (certificate name mismatch, untrusted certificate)',
    matches: smtpNetwork('tls'),
    meaning:
      'The SMTP server’s certificate could not be verified: it is issued for another name than the server address, or by an authority this computer does not trust. Nothing was sent.',
    fix: 'Enter the server address the certificate is issued for (for Exchange Online: smtp.office365.com). A TLS-inspecting proxy must be trusted by this computer. Also check Use SSL: Yes needs the implicit-TLS port (465).',
    setupSteps: SMTP_SERVER_ROWS,
  },
  {
    id: 'smtp-timeout',
    symptom: 'SMTP: no answer (timeout)',
    matches: smtpNetwork('timeout'),
    meaning:
      'The SMTP server accepted the connection or was asked something and did not answer in time.',
    fix: 'Check Use SSL against the port: 465 needs Use SSL = Yes, 587 and 25 need No. An HTTPS port (443, e.g. outlook.office365.com) never sends an SMTP banner: Exchange Online’s SMTP server is smtp.office365.com, port 587, Use SSL = No. Then check that no firewall or proxy holds the connection.',
    setupSteps: SMTP_SERVER_ROWS,
  },
];
