import type { FailureFacts } from '../failure';
import { CLIENT_ID_PLACEHOLDER, type DiagnosisEntry } from './entry';
import { ews, graph, isEwsStep } from './matchers';
import { GRANT_CONSENT_STEPS } from './sign-in';

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

/** Exchange Web Services: on-premises sign-in, the token’s permission, access controls and mailboxes. */
export const ewsDiagnoses: DiagnosisEntry[] = [
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
    // Entra ID issues an app-only token without consent too, only without roles; such a token
    // looks exactly like one of an app that never had the Exchange permission.
    meaning:
      'The token carries no Exchange Web Services permission. Either admin consent for the app is missing (never granted, or revoked), or the Office 365 Exchange Online permission was never added to the app (only Microsoft Graph permissions were); Exchange’s answer does not say which.',
    fix: 'In the app registration’s API permissions, grant admin consent. If Office 365 Exchange Online is not listed there, add its permission in the Manifest first (EWS.AccessAsUser.All for User name/Password, full_access_as_app for Client secret), save, and grant admin consent.',
    setupSteps: [
      ...GRANT_CONSENT_STEPS,
      { part: 'password', steps: [10, 11], title: 'Add EWS.AccessAsUser.All to the manifest' },
      { part: 'client-secret', steps: [11, 12], title: 'Add full_access_as_app to the manifest' },
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
];
