import { CLIENT_ID_PLACEHOLDER, type DiagnosisEntry, type SetupStepRef } from './entry';
import { graph } from './matchers';

/** Where Microsoft Graph's permission is added and consented: the walkthrough's Graph checklist. */
const graphPermissionSteps: SetupStepRef[] = [
  {
    part: 'graph',
    steps: [1, 2, 3],
    title: 'Add Microsoft Graph Mail.Send of the flow’s type, grant admin consent',
  },
];

/** Microsoft Graph refusing the app, the token or the mailbox. */
export const graphDiagnoses: DiagnosisEntry[] = [
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
      'Microsoft Graph did not accept the token: it is for another resource, has expired, or carries no Graph permission, because admin consent for the app is missing (never granted, or revoked) or because only Exchange permissions were added; the answer does not say which.',
    fix: 'In the app registration’s API permissions, grant admin consent. If Microsoft Graph is not listed there, add its permission Mail.Send (and Mail.ReadBasic for incoming mail) first, grant admin consent, and test again.',
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
];
