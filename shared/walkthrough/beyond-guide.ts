import { CLIENT_ID_PLACEHOLDER } from '../diagnosis/table';
import type { AuthFlow } from '../settings/system-settings';
import { row } from './settings-row';
import type { ExternalLink, WalkthroughSection, WalkthroughStep } from './steps/types';

/**
 * What an admin meets today that the vendor's guide predates (FLOWS.md §5, §8, §9): EWS's access
 * controls in Exchange Online, Microsoft Graph on the same app registration, and limiting an
 * app-only registration to some mailboxes. Every command names this app's Application (client)
 * ID through the placeholder the diagnoses use too, which the walkthrough fills in from row 21.
 */
export const APP_ID_PLACEHOLDER = CLIENT_ID_PLACEHOLDER;

/** Microsoft Graph's resource and its mail permissions (Microsoft Graph permissions reference). */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const graphPermissionIds = {
  'Mail.Send': {
    Scope: 'e383f46e-2787-4529-855e-0e479a3ffac0',
    Role: 'b633e1c5-b582-4048-a93e-9f11b44c7e96',
  },
  'Mail.ReadBasic': {
    Scope: 'a4b8392a-d8d1-4954-a029-8e668a39a170',
    Role: '6be147d2-ea4f-4b5a-a3fa-3eab6f3c140a',
  },
} as const;
export const GRAPH_DELEGATED_SCOPE = 'https://graph.microsoft.com/Mail.Send';
export const GRAPH_APP_ONLY_SCOPE = 'https://graph.microsoft.com/.default';

const links = {
  ewsAccess: {
    label: 'Microsoft: Control access to EWS in Exchange',
    href: 'https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/how-to-control-access-to-ews-in-exchange',
  },
  graphSendMail: {
    label: 'Microsoft Graph: user: sendMail',
    href: 'https://learn.microsoft.com/en-us/graph/api/user-sendmail',
  },
  graphPermissions: {
    label: 'Microsoft Graph permissions reference',
    href: 'https://learn.microsoft.com/en-us/graph/permissions-reference',
  },
  rbacForApps: {
    label: 'Microsoft: Role Based Access Control for Applications in Exchange Online',
    href: 'https://learn.microsoft.com/en-us/exchange/permissions-exo/application-rbac',
  },
  accessPolicy: {
    label: 'Microsoft: New-ApplicationAccessPolicy',
    href: 'https://learn.microsoft.com/en-us/powershell/module/exchange/new-applicationaccesspolicy?view=exchange-ps',
  },
} satisfies Record<string, ExternalLink>;

/** The manifest entry that adds Graph's mail permissions of the flow's type, as pretty JSON. */
export function graphManifestEntry(flow: AuthFlow): string {
  const type = flow === 'password' ? 'Scope' : 'Role';
  const resourceAccess = (['Mail.Send', 'Mail.ReadBasic'] as const).map((name) => ({
    id: graphPermissionIds[name][type],
    type,
  }));
  return JSON.stringify({ resourceAppId: GRAPH_APP_ID, resourceAccess }, null, 2);
}

const ewsAccessSteps: WalkthroughStep[] = [
  {
    number: 1,
    instruction:
      'In Exchange Online PowerShell, read whether EWS is on for the organisation and the mailbox.',
    detail:
      'Since 2026-10-01 an organisation that never set EwsEnabled has EWS off. A mailbox setting cannot turn EWS on where the organisation has it off.',
    copy: [
      {
        label: 'Read EwsEnabled',
        text: [
          'Get-OrganizationConfig | Format-List EwsEnabled',
          'Get-CASMailbox -Identity <mailbox> | Format-List EwsEnabled',
        ].join('\n'),
      },
    ],
    links: [links.ewsAccess],
  },
  {
    number: 2,
    instruction: 'Turn EWS on for the organisation.',
    copy: [{ label: 'Turn EWS on', text: 'Set-OrganizationConfig -EwsEnabled:$true' }],
  },
  {
    number: 3,
    instruction: 'Read the allow list of apps, then write it back whole with this app’s ID added.',
    detail:
      'EwsAllowedAppIDs takes one comma-separated string that replaces the list: there is no Add syntax. Keep every ID already there. Changes can take up to 24 hours.',
    copy: [
      {
        label: 'Read the allow list',
        text: 'Get-OrganizationConfig -RetrieveEwsOperationAccessPolicy | Format-List EwsAllowedAppIDs',
      },
      {
        label: 'Write the allow list back with this app',
        text: `Set-OrganizationConfig -EwsAllowedAppIDs "<IDs already on the list>,${APP_ID_PLACEHOLDER}"`,
      },
    ],
  },
  {
    number: 4,
    instruction: 'Check that EWS answers this app.',
    check: 'ews',
  },
];

const graphSteps = (flow: AuthFlow): WalkthroughStep[] => [
  {
    number: 1,
    instruction:
      flow === 'password'
        ? 'In the app registration: API permissions → Add a permission → Microsoft Graph → Delegated permissions → Mail.Send (and Mail.ReadBasic for incoming e-mail).'
        : 'In the app registration: API permissions → Add a permission → Microsoft Graph → Application permissions → Mail.Send (and Mail.ReadBasic for incoming e-mail).',
    detail:
      flow === 'password'
        ? 'Delegated Mail.Send sends as the signed-in user (row 12), like EWS.AccessAsUser.All.'
        : 'Application Mail.Send may send as every mailbox unless you limit it (below).',
    links: [links.graphPermissions],
  },
  {
    number: 2,
    instruction:
      'Or add the same permissions in the Manifest: append this entry to requiredResourceAccess.',
    copy: [{ label: 'Graph manifest entry', text: graphManifestEntry(flow) }],
  },
  {
    number: 3,
    instruction: 'Click “Grant admin consent” and confirm.',
    detail: 'The consent can take a few minutes to reach Exchange Online.',
  },
  {
    number: 4,
    instruction: 'Check: send the test message through Microsoft Graph.',
    detail: `The token is asked for ${flow === 'password' ? GRAPH_DELEGATED_SCOPE : GRAPH_APP_ONLY_SCOPE}; Graph answers 202 Accepted.`,
    check: 'graph',
    links: [links.graphSendMail],
  },
];

const limitSteps: WalkthroughStep[] = [
  {
    number: 1,
    instruction:
      'Put the mailboxes the ERP may use in a mail-enabled security group, e.g. erp-mailboxes@contoso.com.',
  },
  {
    number: 2,
    instruction:
      'RBAC for Applications (Microsoft’s current way): register the app’s service principal in Exchange, scope it to the group and assign the application roles.',
    detail:
      'Use the Object ID of the app’s Enterprise application (not of the app registration). Scoped roles add to what Entra ID consented: remove the unscoped application permissions (full_access_as_app, Graph Mail.Send) from the app registration, or the scope limits nothing.',
    copy: [
      {
        label: 'RBAC for Applications',
        text: [
          `New-ServicePrincipal -AppId ${APP_ID_PLACEHOLDER} -ObjectId <Enterprise application Object ID> -DisplayName "ERP Mail"`,
          'New-ManagementScope -Name "ERP mailboxes" -RecipientRestrictionFilter "MemberOfGroup -eq \'<distinguished name of the group>\'"',
          `New-ManagementRoleAssignment -App ${APP_ID_PLACEHOLDER} -Role "Application Mail.Send" -CustomResourceScope "ERP mailboxes"`,
          `New-ManagementRoleAssignment -App ${APP_ID_PLACEHOLDER} -Role "Application EWS.AccessAsApp" -CustomResourceScope "ERP mailboxes"`,
          `Test-ServicePrincipalAuthorization -Identity ${APP_ID_PLACEHOLDER} -Resource <mailbox>`,
        ].join('\n'),
      },
    ],
    links: [links.rbacForApps],
  },
  {
    number: 3,
    instruction:
      'Or the older application access policy, which Microsoft replaces with RBAC for Applications.',
    copy: [
      {
        label: 'Application access policy',
        text: [
          `New-ApplicationAccessPolicy -AppId ${APP_ID_PLACEHOLDER} -PolicyScopeGroupId erp-mailboxes@contoso.com -AccessRight RestrictAccess -Description "ERP Mail: only the ERP's mailboxes"`,
          `Test-ApplicationAccessPolicy -Identity <mailbox> -AppId ${APP_ID_PLACEHOLDER}`,
        ].join('\n'),
      },
    ],
    links: [links.accessPolicy],
  },
];

/** FLOWS.md §7: the rows *Server based, via SMTP* reads, which the guide does not cover. */
const smtpRows = (flow: AuthFlow): WalkthroughStep[] => [
  row(14, 'Server based, via SMTP.'),
  row(15, 'the SMTP server, for example smtp.office365.com.'),
  row(16, '587 for STARTTLS, or 465 with Use SSL = Yes (0 picks the one Use SSL implies).'),
  row(17, 'the account the server authenticates, or empty when it takes mail without AUTH.'),
  row(18, 'that account’s password; it goes to the system keychain, never to the settings file.'),
  row(19, 'Yes for implicit TLS (port 465); No to use STARTTLS when the server offers it.'),
  ...smtpOauthRows(flow),
];

/**
 * Rows 21–24 for smtp.office365.com, where Basic auth ends: open for SMTP with that server, and
 * the test tries AUTH XOAUTH2 with them (up to AUTH; it sends no second message).
 */
const smtpOauthRows = (flow: AuthFlow): WalkthroughStep[] => [
  row(
    21,
    `for OAuth (XOAUTH2) to smtp.office365.com: the Application (client) ID of an app with ${flow === 'password' ? 'SMTP.Send (Delegated)' : 'SMTP.SendAsApp (Application)'} of Office 365 Exchange Online, consented.`,
    { detail: 'Rows 21–24 are open for SMTP while Server address (row 15) is smtp.office365.com.' },
  ),
  row(22, 'the Directory (tenant) ID (or a verified domain such as contoso.onmicrosoft.com).'),
  ...(flow === 'password'
    ? [row(23, 'User name/Password: the token is asked for User name (SMTP) with Password (SMTP).')]
    : [
        row(23, 'Client secret: the app sends as Sender; its service principal needs the mailbox.'),
        row(24, 'the secret’s Value from Azure Portal step 22.'),
      ]),
];

/** The sections after the guide's own, marked as beyond it. */
export function beyondGuideSections(flow: AuthFlow): WalkthroughSection[] {
  return [
    {
      id: 'ews-access',
      title: 'EWS access in Exchange Online',
      source: 'Beyond the guide: Microsoft, “Control access to EWS in Exchange” (since 2026-10-01)',
      numbering: 'step',
      steps: ewsAccessSteps,
    },
    {
      id: 'graph',
      title: 'Microsoft Graph on the same app registration',
      source: 'Beyond the guide: what replaces EWS in Exchange Online on 2027-04-01',
      numbering: 'step',
      steps: graphSteps(flow),
    },
    ...(flow === 'client-secret'
      ? [
          {
            id: 'limit-mailboxes' as const,
            title: 'Limit the app to some mailboxes',
            source:
              'Beyond the guide: the guide’s Security considerations, with Microsoft’s current commands',
            numbering: 'step' as const,
            steps: limitSteps,
          },
        ]
      : []),
    {
      id: 'smtp',
      title: 'Server based, via SMTP',
      source: 'Beyond the guide: the System settings rows the SMTP method reads',
      numbering: 'row',
      steps: smtpRows(flow),
    },
  ];
}

/** A copy text with row 21's value where a command names this app. */
export const withAppId = (text: string, clientId: string): string =>
  clientId ? text.replaceAll(APP_ID_PLACEHOLDER, clientId) : text;
