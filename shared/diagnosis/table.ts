import type { FailureFacts } from './failure';
import { networkDiagnoses } from './network';

/** A place in the vendor's guide (and so in the Setup walkthrough) that fixes a failure. */
export interface SetupStepRef {
  /** Which of the guide's procedures: the two Azure Portal parts, or the app's own settings. */
  part:
    | 'password'
    | 'client-secret'
    | 'limitations'
    | 'app'
    | 'ews-access'
    | 'graph'
    | 'limit-mailboxes'
    | 'smtp'
    | 'incoming';
  steps: number[];
  title: string;
}

export interface DiagnosisEntry {
  id: string;
  /** The symptom as FLOWS.md §4 names it, for the table in the docs and the walkthrough. */
  symptom: string;
  matches(facts: FailureFacts): boolean;
  meaning: string;
  fix: string;
  /** Where the guide fixes it; several when it depends on the flow. */
  setupSteps: SetupStepRef[];
  /** A 403 right after setup: the check retries it with back-off before reporting. */
  retryable?: boolean;
}

const aadsts =
  (...codes: number[]) =>
  (f: FailureFacts) =>
    f.aadsts !== undefined && codes.includes(f.aadsts);

const ews =
  (...codes: string[]) =>
  (f: FailureFacts) =>
    f.ewsCode !== undefined && codes.includes(f.ewsCode);

const isEwsStep = (f: FailureFacts) => f.step === 'send' || f.step === 'folder';
const offers = (f: FailureFacts, scheme: string) =>
  (f.authSchemes ?? []).some((s) => s.toLowerCase() === scheme);
/** A 401 that asks for a password or Windows sign-in, not a token: an on-premises Exchange. */
const isOnPremChallenge = (f: FailureFacts) =>
  isEwsStep(f) && f.httpStatus === 401 && !!f.authSchemes?.length && !offers(f, 'bearer');

/**
 * Exchange Online's EWS access controls answer 403 with X-EWS-Policy-Reason; these are its two
 * values as "Control access to EWS in Exchange" gives them. Without the header a 403 is something else.
 */
const ewsPolicy = (reason: RegExp) => (f: FailureFacts) =>
  isEwsStep(f) && f.ewsPolicyReason !== undefined && reason.test(f.ewsPolicyReason);

const graph =
  (...codes: string[]) =>
  (f: FailureFacts) =>
    f.graphCode !== undefined && codes.includes(f.graphCode);

/** Stands for the form's Application (client) ID in a fix; `describeFailure` fills it in. */
export const CLIENT_ID_PLACEHOLDER = '<Application (client) ID>';

/** Where Microsoft Graph's permission is added and consented: the walkthrough's Graph checklist. */
const graphPermissionSteps: SetupStepRef[] = [
  {
    part: 'graph',
    steps: [1, 2, 3],
    title: 'Add Microsoft Graph Mail.Send of the flow’s type, grant admin consent',
  },
];

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
const OAUTH_ROWS: SetupStepRef[] = [
  {
    part: 'app',
    steps: [21, 22, 23, 24],
    title: 'Application (client) ID, Directory (tenant) ID, Authentication flow',
  },
];

/**
 * Every failure FLOWS.md §4 names, in the order they are matched: the first entry that matches
 * explains the failure. Codes come from Microsoft's Entra error reference and EWS documentation.
 */
export const diagnosisTable: DiagnosisEntry[] = [
  {
    id: 'keychain-locked',
    symptom: 'The keychain is locked',
    matches: (f) => f.keychain === 'locked',
    meaning:
      'The OS keychain is locked, so the app could not read the secret this run signs in with. The secret is still stored; nothing was sent.',
    fix: 'Unlock the keychain (Linux: Passwords and Keys, or sign in to the desktop again; the app asks the system to unlock when it needs a secret), then test again. Do not type the secrets again.',
    setupSteps: [],
  },
  {
    id: 'keychain-unavailable',
    symptom: 'The keychain is not available',
    matches: (f) => f.keychain === 'unavailable',
    meaning:
      'The OS keychain could not be reached, so the app could not read the secret this run signs in with; nothing was sent.',
    fix: 'Start the keychain and test again. On Linux that is a Secret Service such as GNOME Keyring in the desktop session, with libsecret-1-0 installed; the Message names what was missing.',
    setupSteps: [],
  },
  {
    id: 'ews-retired',
    symptom: 'EWS in Exchange Online has ended (2027-04-01)',
    matches: (f) => f.appCode === 'ews-retired',
    meaning:
      'Microsoft switched EWS off in Exchange Online for good on 2027-04-01; no setting brings it back, so the test sent nothing.',
    fix: 'Send through Microsoft Graph with the same app registration (the walkthrough’s Microsoft Graph checklist), and move the ERP to Microsoft Graph.',
    setupSteps: [
      { part: 'graph', steps: [1, 2, 3, 4], title: 'Microsoft Graph on the same app registration' },
    ],
  },
  {
    id: 'public-client-flows-off',
    symptom: 'AADSTS7000218 (body must contain client_assertion or client_secret)',
    matches: aadsts(7000218),
    meaning:
      'The User name/Password flow was used with an app registration that is not a public client, so Entra ID expects a client secret.',
    fix: 'In the app registration: Authentication → Advanced settings → Allow public client flows = Yes, then Save.',
    setupSteps: [{ part: 'password', steps: [17, 18], title: 'Allow public client flows = Yes' }],
  },
  {
    id: 'public-client-with-secret',
    symptom: 'AADSTS700025 (client is public so no client_secret)',
    matches: aadsts(700025),
    meaning:
      'A client secret was sent to an app registration that is a public client; the Client secret flow needs a confidential client.',
    fix: 'In the app registration: Authentication → Advanced settings → Allow public client flows = No, then Save.',
    setupSteps: [
      { part: 'client-secret', steps: [18, 19], title: 'Allow public client flows = No' },
    ],
  },
  {
    id: 'mfa-required',
    symptom: 'AADSTS50076 / AADSTS50079 (multi-factor authentication required)',
    matches: aadsts(50076, 50079),
    meaning:
      'The account must use multi-factor authentication, which the User name/Password flow cannot do.',
    fix: 'Use the Client secret flow, or exempt this account from MFA in Conditional Access (the guide: two-factor authentication cannot be used with user name & password).',
    setupSteps: [
      { part: 'limitations', steps: [], title: 'Two-factor authentication can not be used' },
    ],
  },
  {
    id: 'consent-missing',
    symptom: 'AADSTS65001 (consent missing)',
    matches: aadsts(65001),
    meaning: 'The app registration’s permissions have not been granted admin consent.',
    fix: 'In the app registration: API permissions → Grant admin consent, then check that the status icon is green.',
    setupSteps: [
      { part: 'password', steps: [14, 15], title: 'Grant admin consent' },
      { part: 'client-secret', steps: [15, 16], title: 'Grant admin consent' },
    ],
  },
  {
    id: 'app-not-found',
    symptom: 'AADSTS700016 (application not found in the directory)',
    matches: aadsts(700016),
    meaning:
      'No app registration with this Application (client) ID exists in this directory: one of the two IDs is wrong.',
    fix: 'Copy Application (client) ID and Directory (tenant) ID again from the app registration’s Overview page into rows 21 and 22.',
    setupSteps: [
      {
        part: 'password',
        steps: [8],
        title: 'Copy Application (client) ID and Directory (tenant) ID',
      },
      {
        part: 'client-secret',
        steps: [9],
        title: 'Copy Application (client) ID and Directory (tenant) ID',
      },
    ],
  },
  {
    id: 'secret-invalid',
    symptom: 'AADSTS7000215 (invalid client secret)',
    matches: aadsts(7000215),
    meaning: 'The client secret is wrong. Often the secret’s ID was pasted instead of its Value.',
    fix: 'Paste the secret’s Value (shown only once, when it was created) into Client secret; if it is lost, create a new secret.',
    setupSteps: [{ part: 'client-secret', steps: [22], title: 'Copy the secret’s Value' }],
  },
  {
    id: 'secret-expired',
    symptom: 'AADSTS7000222 (client secret expired)',
    matches: aadsts(7000222),
    meaning: 'The client secret has expired.',
    fix: 'Create a new client secret under Certificates & secrets and paste its Value into Client secret.',
    setupSteps: [
      { part: 'client-secret', steps: [20, 21, 22], title: 'Create a new client secret' },
    ],
  },
  {
    id: 'wrong-password',
    symptom: 'AADSTS50126 (invalid user name or password)',
    matches: aadsts(50126),
    meaning: 'The user name or the password is wrong.',
    fix: 'Check User name (Exchange) (the user’s UPN) and enter the password again.',
    setupSteps: [
      { part: 'app', steps: [12, 13], title: 'User name (Exchange) and Password (Exchange)' },
    ],
  },
  {
    id: 'user-not-found',
    symptom: 'AADSTS50034 (user not found)',
    matches: aadsts(50034),
    meaning: 'No user with this name exists in the tenant.',
    fix: 'Copy the user’s e-mail address (UPN) from Users in the Azure Portal into User name (Exchange).',
    setupSteps: [
      { part: 'password', steps: [19], title: 'Copy an existing user’s e-mail address' },
    ],
  },
  {
    id: 'account-locked',
    symptom: 'AADSTS50053 (account locked)',
    matches: aadsts(50053),
    meaning: 'The account is locked, usually after too many wrong passwords.',
    fix: 'Wait for the lock to expire or have an administrator unlock the account, then test again.',
    setupSteps: [
      { part: 'app', steps: [12, 13], title: 'User name (Exchange) and Password (Exchange)' },
    ],
  },
  {
    id: 'account-disabled',
    symptom: 'AADSTS50057 (account disabled)',
    matches: aadsts(50057),
    meaning: 'The account is disabled in Entra ID.',
    fix: 'Enable the account (Users → the user → Account enabled) or use another account.',
    setupSteps: [{ part: 'app', steps: [12], title: 'User name (Exchange)' }],
  },
  {
    id: 'password-expired',
    symptom: 'AADSTS50055 (password expired)',
    matches: aadsts(50055),
    meaning: 'The account’s password has expired.',
    fix: 'Sign in once as the user to set a new password, then enter it in Password (Exchange).',
    setupSteps: [{ part: 'app', steps: [13], title: 'Password (Exchange)' }],
  },
  {
    id: 'tenant-not-found',
    symptom: 'AADSTS90002 / AADSTS900023 (tenant not found / not a valid tenant identifier)',
    matches: aadsts(90002, 900023),
    meaning: 'Directory (tenant) ID does not name an existing tenant.',
    fix: 'Copy Directory (tenant) ID from the app registration’s Overview page into row 22 (or use a verified domain of the tenant).',
    setupSteps: [
      { part: 'password', steps: [8], title: 'Copy Directory (tenant) ID' },
      { part: 'client-secret', steps: [9], title: 'Copy Directory (tenant) ID' },
    ],
  },
  {
    id: 'conditional-access',
    symptom: 'AADSTS53003 (blocked by Conditional Access)',
    matches: aadsts(53003),
    meaning: 'A Conditional Access policy blocks this sign-in.',
    fix: 'Ask the Entra ID administrator to exclude this app or account from the blocking policy (see the sign-in logs for the policy name).',
    setupSteps: [
      { part: 'limitations', steps: [], title: 'Security settings are the IT department’s choice' },
    ],
  },
  {
    id: 'invalid-scope',
    symptom: 'AADSTS70011 / AADSTS1002012 / AADSTS500011 (invalid scope / resource not found)',
    matches: aadsts(70011, 1002012, 500011),
    meaning:
      'The requested scope or resource does not exist in the tenant; usually the server address is not outlook.office365.com.',
    fix: 'Set Server address (Exchange/SMTP) to outlook.office365.com.',
    setupSteps: [{ part: 'app', steps: [15], title: 'Server address (Exchange/SMTP)' }],
  },
  {
    id: 'onprem-windows-auth-only',
    symptom: 'EWS 401 from an on-premises Exchange that offers Windows authentication only',
    matches: (f) => isOnPremChallenge(f) && !offers(f, 'basic'),
    meaning:
      'The Exchange server takes Windows authentication only (Negotiate/NTLM, no Basic). This app tests Basic over HTTPS, so a server accepting only Windows authentication must be tested from the ERP.',
    fix: 'Test from the ERP itself, or, where your security policy allows it, turn on Basic authentication for EWS (Set-WebServicesVirtualDirectory -Identity "<server>\\EWS (Default Web Site)" -BasicAuthentication $true) and test again over HTTPS.',
    setupSteps: [],
  },
  {
    id: 'onprem-credentials',
    symptom: 'EWS 401 from an on-premises Exchange that offers Basic',
    matches: (f) => isOnPremChallenge(f) && offers(f, 'basic'),
    meaning:
      'The Exchange server refused User name (Exchange) and Password (Exchange): the user or password is wrong, or the account is disabled or locked.',
    fix: 'Enter the account as DOMAIN\\user or as its user principal name (user@domain), with its current password.',
    setupSteps: [
      { part: 'app', steps: [12, 13], title: 'User name (Exchange) and Password (Exchange)' },
    ],
  },
  {
    id: 'token-lacks-ews-permission',
    symptom: 'EWS 401 with x-ms-diagnostics 2000008',
    matches: (f) => isEwsStep(f) && f.httpStatus === 401 && /2000008/.test(f.msDiagnostics ?? ''),
    meaning:
      'The token carries no Exchange Web Services permission: only Microsoft Graph permissions were added to the app.',
    fix: 'Add the Office 365 Exchange Online permission in the Manifest (EWS.AccessAsUser.All for User name/Password, full_access_as_app for Client secret), save, and grant admin consent.',
    setupSteps: [
      {
        part: 'password',
        steps: [10, 11, 14],
        title: 'Add EWS.AccessAsUser.All to the manifest, grant consent',
      },
      {
        part: 'client-secret',
        steps: [11, 12, 15],
        title: 'Add full_access_as_app to the manifest, grant consent',
      },
    ],
  },
  {
    id: 'impersonation-missing',
    symptom:
      'EWS 500 “ExchangeImpersonation SOAP header must be present for this type of OAuth token”',
    matches: (f) =>
      isEwsStep(f) && /ExchangeImpersonation SOAP header must be present/i.test(f.message),
    meaning:
      'An app-only token was used without impersonating a mailbox. This is a bug in this app.',
    fix: 'Report it to support with the details below; as a workaround use the User name/Password flow.',
    setupSteps: [],
  },
  {
    id: 'ews-disabled',
    symptom: 'HTTP 403 with X-EWS-Policy-Reason: EWS is disabled for this user or tenant',
    matches: ewsPolicy(/EWS is disabled/i),
    meaning:
      'Exchange Online has EWS switched off (EwsEnabled) for the organisation or for this mailbox. Since 2026-10-01 that is the default of every tenant that did not opt in; EWS in Exchange Online ends for good on 2027-04-01.',
    fix: 'In Exchange Online PowerShell look at both settings: Get-OrganizationConfig | Format-List EwsEnabled, and Get-CASMailbox -Identity <mailbox> | Format-List EwsEnabled. Turn EWS on with Set-OrganizationConfig -EwsEnabled:$true (a mailbox set to True cannot override an organisation set to False); if the mailbox is off, also Set-CASMailbox -Identity <mailbox> -EwsEnabled:$true. Plan the move to Microsoft Graph before 2027-04-01.',
    setupSteps: [{ part: 'ews-access', steps: [1, 2], title: 'Turn EWS on for the organisation' }],
  },
  {
    id: 'ews-blocked',
    symptom: 'HTTP 403 with X-EWS-Policy-Reason: EWS is blocked by policy for this user or tenant',
    matches: ewsPolicy(/EWS is blocked by policy/i),
    meaning:
      'Exchange Online’s EWS allow list (EwsAllowedAppIDs) does not name this app, or a User-Agent policy (EwsApplicationAccessPolicy with EwsAllowList or EwsBlockList) blocks it; the answer does not say which. EWS in Exchange Online ends for good on 2027-04-01.',
    fix: `In Exchange Online PowerShell read the allow list first: Get-OrganizationConfig -RetrieveEwsOperationAccessPolicy | Format-List EwsAllowedAppIDs. Then write the whole list back with this app added, as one comma-separated string that replaces the old list: Set-OrganizationConfig -EwsAllowedAppIDs "<existing ids>,${CLIENT_ID_PLACEHOLDER}". Also check Get-OrganizationConfig | Format-List EwsApplicationAccessPolicy,EwsAllowList,EwsBlockList. Changes take up to 24 hours.`,
    setupSteps: [
      { part: 'ews-access', steps: [3], title: 'Write the allow list back with this app’s ID' },
    ],
  },
  {
    id: 'mailbox-access',
    symptom:
      'EWS ErrorImpersonateUserDenied, ErrorNonExistentMailbox, ErrorAccessDenied, ErrorSendAsDenied',
    matches: (f) =>
      ews(
        'ErrorImpersonateUserDenied',
        'ErrorNonExistentMailbox',
        'ErrorAccessDenied',
        'ErrorSendAsDenied',
      )(f) || graph('ErrorInvalidUser')(f),
    meaning: 'The mailbox does not exist, or the account or app has no rights on it.',
    fix: 'Check the Sender address (or the account’s E-mail) is an existing mailbox in this tenant, and that the app or user may use it.',
    setupSteps: [
      { part: 'password', steps: [19], title: 'Use an existing user’s e-mail address' },
      { part: 'client-secret', steps: [23], title: 'Use an existing user’s e-mail address' },
    ],
  },
  {
    id: 'graph-mailbox-scoped-out',
    symptom: 'Graph 403 ErrorAccessDenied “Access to OData is disabled”',
    matches: (f) => graph('ErrorAccessDenied')(f) && /Access to OData is disabled/i.test(f.message),
    meaning:
      'An application access policy (or an RBAC for Applications management scope) in Exchange Online leaves this mailbox out of the mailboxes this app may use.',
    fix: `In Exchange Online PowerShell check it with Test-ApplicationAccessPolicy -Identity <mailbox> -AppId ${CLIENT_ID_PLACEHOLDER}, then add the mailbox to the group the policy names (Get-ApplicationAccessPolicy) or use a mailbox inside the scope. Changes can take over an hour to reach Microsoft Graph.`,
    setupSteps: [
      { part: 'limit-mailboxes', steps: [1, 2, 3], title: 'The mailboxes the app may use' },
    ],
  },
  {
    id: 'graph-access-denied',
    symptom: 'Graph 403 ErrorAccessDenied “Access is denied. Check credentials and try again.”',
    matches: graph('ErrorAccessDenied'),
    meaning:
      'The app registration lacks the Microsoft Graph permission (Mail.Send to send; Mail.ReadBasic or Mail.Read to read), has it as the wrong type (delegated for Client secret, application for User name/Password), or it has no admin consent.',
    fix: 'In the app registration: API permissions → Add a permission → Microsoft Graph → Delegated permissions (User name/Password) or Application permissions (Client secret) → Mail.Send, and Mail.ReadBasic for incoming mail; then Grant admin consent.',
    setupSteps: graphPermissionSteps,
  },
  {
    id: 'graph-token-rejected',
    symptom: 'Graph 401 InvalidAuthenticationToken / NoPermissionsInAccessToken',
    matches: graph('InvalidAuthenticationToken', 'NoPermissionsInAccessToken'),
    meaning:
      'Microsoft Graph did not accept the token: it is for another resource, has expired, or carries no Graph permission (only Exchange permissions were added and consented).',
    fix: 'Add the Microsoft Graph permission Mail.Send (and Mail.ReadBasic for incoming mail) to the app registration, grant admin consent, and test again.',
    setupSteps: graphPermissionSteps,
  },
  {
    id: 'graph-no-mailbox',
    symptom: 'Graph MailboxNotEnabledForRESTAPI',
    matches: graph('MailboxNotEnabledForRESTAPI'),
    meaning:
      'The user has no Exchange Online mailbox: no licence that includes Exchange Online, a guest account, or a mailbox still on-premises.',
    fix: 'Assign the user a licence that includes Exchange Online (or use an address whose mailbox is in Exchange Online), then test again once the mailbox exists.',
    setupSteps: [
      { part: 'password', steps: [19], title: 'Use an existing user’s e-mail address' },
      { part: 'client-secret', steps: [23], title: 'Use an existing user’s e-mail address' },
    ],
  },
  {
    id: 'graph-send-as-denied',
    symptom: 'Graph ErrorSendAsDenied',
    matches: graph('ErrorSendAsDenied'),
    meaning: 'The app or the signed-in user may not send as the Sender address.',
    fix: 'Give the user Send As on the Sender’s mailbox (Exchange admin center → Recipients → Mailboxes → Delegation), or use the user’s own address as Sender.',
    setupSteps: [{ part: 'app', steps: [12], title: 'User name (Exchange)' }],
  },
  {
    id: 'propagation-delay',
    symptom: 'HTTP 403 shortly after setup',
    matches: (f) => isEwsStep(f) && f.httpStatus === 403,
    meaning:
      'Exchange Online refused the request. Shortly after a change in the Azure Portal this is normal: tenant changes take a while to propagate.',
    fix: 'Wait a few minutes and press Test again (the check already retried a few times). If it persists, check admin consent.',
    setupSteps: [
      { part: 'password', steps: [14, 15], title: 'Admin consent granted (green icon)' },
      { part: 'client-secret', steps: [15, 16], title: 'Admin consent granted (green icon)' },
    ],
    retryable: true,
  },
  {
    id: 'throttled',
    symptom: 'HTTP 429 / 503',
    matches: (f) => f.httpStatus === 429 || f.httpStatus === 503,
    meaning: 'The service is busy or throttling this client.',
    fix: 'Wait the time the service asked for and test again.',
    setupSteps: [],
  },
  {
    id: 'imap-login-failed',
    symptom: 'IMAP login refused (authentication failed)',
    matches: imapLoginRefused,
    meaning: 'The user name or the password is wrong, or IMAP is disabled for the mailbox.',
    fix: 'Check the account’s User name and Password, and that IMAP is enabled for the mailbox.',
    setupSteps: [],
  },
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
    fix: 'Log in with OAuth (XOAUTH2): fill in rows 21–24 and grant the app SMTP.Send (User name/Password) or SMTP.SendAsApp (Client secret). Or send through Microsoft Graph.',
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
    fix: 'Log in with OAuth (XOAUTH2): fill in rows 21–24 and grant the app SMTP.Send (User name/Password) or SMTP.SendAsApp (Client secret). Or send through Microsoft Graph.',
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
    fix: 'Check Use SSL against the port: 465 needs Use SSL = Yes, 587 and 25 need No. Then check the server address and that no firewall or proxy holds the connection.',
    setupSteps: SMTP_SERVER_ROWS,
  },
  // Network faults of each service, after the SMTP ones above (which know its ports).
  ...networkDiagnoses,
];
