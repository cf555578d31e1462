import type { SetupStepRef } from '../diagnosis/table';
import type { AuthFlow } from '../settings/system-settings';
import { beyondGuideSections } from './beyond-guide';
import { row } from './settings-row';

/** Office 365 Exchange Online, and the two permissions the guide's manifests add (FLOWS.md §1). */
export const EXCHANGE_ONLINE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';
export const EWS_ACCESS_AS_USER_ALL_ID = '3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5';
export const FULL_ACCESS_AS_APP_ID = 'dc890d15-9560-4a4c-9b7f-a736ec74ec40';
export const NATIVE_CLIENT_REDIRECT_URI =
  'https://login.microsoftonline.com/common/oauth2/nativeclient';
export const DELEGATED_SCOPE = 'https://outlook.office365.com/EWS.AccessAsUser.All';
export const APP_ONLY_SCOPE = 'https://outlook.office365.com/.default';
export const EXCHANGE_ONLINE_HOST = 'outlook.office365.com';

/** The entry the manifest's `requiredResourceAccess` array needs for the flow, as pretty JSON. */
export function manifestEntry(flow: AuthFlow): string {
  const permission =
    flow === 'password'
      ? { id: EWS_ACCESS_AS_USER_ALL_ID, type: 'Scope' }
      : { id: FULL_ACCESS_AS_APP_ID, type: 'Role' };
  return JSON.stringify(
    { resourceAppId: EXCHANGE_ONLINE_APP_ID, resourceAccess: [permission] },
    null,
    2,
  );
}

export interface CopyText {
  label: string;
  text: string;
}

/** A page the guide cites; only origins on the app's allow-list (electron/security.ts). */
export interface ExternalLink {
  label: string;
  href: string;
}

/** What a step's Check button proves, with the green icon's own test. */
export type StepCheck = 'token' | 'ews' | 'graph';

export interface WalkthroughStep {
  /** The guide's step number, or the System settings row number in the 'app' section. */
  number: number;
  instruction: string;
  /** What to copy or check, in a sentence. */
  detail?: string;
  copy?: CopyText[];
  /** Offers pasting the app registration's Essentials block to fill rows 21 and 22. */
  paste?: 'essentials';
  /** Asks when the new client secret expires, for the warnings beside row 24. */
  asks?: 'secret-expiry';
  check?: StepCheck;
  links?: ExternalLink[];
  /** A procedure of this app the step happens in. */
  opens?: 'system-settings' | 'incoming-mail';
}

export type WalkthroughSectionId =
  | 'password'
  | 'client-secret'
  | 'app'
  | 'test'
  | 'incoming'
  | 'ews-access'
  | 'graph'
  | 'limit-mailboxes'
  | 'smtp';

export interface WalkthroughSection {
  id: WalkthroughSectionId;
  title: string;
  /** Where this is in the vendor's guide. */
  source: string;
  /** 'row' when the numbers are System settings rows, not steps. */
  numbering: 'step' | 'row';
  steps: WalkthroughStep[];
}

const links = {
  portal: { label: 'Azure Portal', href: 'https://portal.azure.com' },
  entra: { label: 'Microsoft Entra admin center', href: 'https://entra.microsoft.com' },
  delegated: {
    label: 'Microsoft: Configure for delegated authentication',
    href: 'https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/how-to-authenticate-an-ews-application-by-using-oauth#configure-for-delegated-authentication',
  },
  appOnly: {
    label: 'Microsoft: Configure for app-only authentication',
    href: 'https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/how-to-authenticate-an-ews-application-by-using-oauth#configure-for-app-only-authentication',
  },
  replyUrl: {
    label: 'Microsoft: Redirect URI (reply URL) restrictions',
    href: 'https://learn.microsoft.com/en-us/azure/active-directory/develop/reply-url',
  },
  accessPolicy: {
    label: 'Microsoft: New-ApplicationAccessPolicy (limit the app to some mailboxes)',
    href: 'https://learn.microsoft.com/en-us/powershell/module/exchange/new-applicationaccesspolicy?view=exchange-ps',
  },
  ports: {
    label: 'Microsoft: Office 365 URLs and IP address ranges',
    href: 'https://learn.microsoft.com/en-us/microsoft-365/enterprise/urls-and-ip-address-ranges?view=o365-worldwide',
  },
  ropc: {
    label: 'Microsoft: Resource owner password credentials (not recommended)',
    href: 'https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth-ropc',
  },
  ewsRetirement: {
    label: 'Microsoft: Deprecation of EWS in Exchange Online',
    href: 'https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/deprecation-of-ews-exchange-online',
  },
} satisfies Record<string, ExternalLink>;

/** Links the notes above the checklist cite. */
export const noteLinks = { ropc: links.ropc, ewsRetirement: links.ewsRetirement };

/** Steps 1–5 are the same in both parts of the guide. */
const registerSteps: WalkthroughStep[] = [
  {
    number: 1,
    instruction: 'Sign in with an existing Azure account at portal.azure.com.',
    links: [links.portal],
  },
  {
    number: 2,
    instruction: 'Search for and open “Azure AD B2C”.',
    detail:
      'The same App registrations are under Microsoft Entra ID in the Azure Portal and in the Entra admin center.',
    links: [links.entra],
  },
  { number: 3, instruction: 'Click “App registrations”.' },
  { number: 4, instruction: 'Click “New registration”.' },
  {
    number: 5,
    instruction: 'Enter a name and select the supported account type.',
    detail:
      'Single tenant (“Accounts in this organizational directory only”) is what the guide describes.',
  },
];

const copyIds = (number: number): WalkthroughStep => ({
  number,
  instruction: 'Copy the values of Application (client) ID and Directory (tenant) ID.',
  detail:
    'Paste the Overview page’s Essentials block below: the app fills rows 21 and 22 of System settings for you to review and save.',
  paste: 'essentials',
});

const copyUser = (number: number, flow: AuthFlow): WalkthroughStep => ({
  number,
  instruction: 'Go to “Users” and copy an existing user’s e-mail address.',
  detail:
    flow === 'password'
      ? 'It is User name (Exchange) (row 12) and the Sender of the test; the user must have a mailbox.'
      : 'It is the Sender of the test: the mailbox the app sends as (impersonates).',
});

const passwordSteps: WalkthroughStep[] = [
  ...registerSteps,
  { number: 6, instruction: 'Click “Register”.' },
  {
    number: 7,
    instruction: 'The app registration’s Overview opens; if it does not, click the application.',
  },
  copyIds(8),
  { number: 9, instruction: 'Click “Manifest” in the left-hand menu.' },
  {
    number: 10,
    instruction: 'Add the delegated authentication permission to the manifest.',
    detail:
      'In "requiredResourceAccess": [ … ] add this entry, separated by a comma from the Microsoft Graph entry already there.',
    copy: [{ label: 'requiredResourceAccess entry', text: manifestEntry('password') }],
    links: [links.delegated],
  },
  { number: 11, instruction: 'Save the manifest.' },
  { number: 12, instruction: 'Click “API permissions” in the left-hand menu.' },
  {
    number: 13,
    instruction:
      'Confirm that EWS.AccessAsUser.All (Type: Delegated) is listed under Office 365 Exchange Online.',
    detail: 'The app asks for this scope when it signs in:',
    copy: [{ label: 'Delegated scope', text: DELEGATED_SCOPE }],
  },
  {
    number: 14,
    instruction: 'Click “Grant admin consent” and confirm with Yes.',
    detail:
      'The ERP needs full access to Exchange Online; add security settings as your IT department decides.',
  },
  {
    number: 15,
    instruction: 'Verify that the status icon is green (“Granted for …”).',
    detail: 'Check asks Entra ID for a token with the current System settings.',
    check: 'token',
  },
  { number: 16, instruction: 'Click “Authentication” in the left-hand menu.' },
  {
    number: 17,
    instruction:
      'Under “Advanced settings”, set “Allow public client flows” (Enable the following mobile and desktop flows) to Yes.',
  },
  {
    number: 18,
    instruction: 'Save the settings.',
    detail: 'Check proves that a token is issued for User name (Exchange) and its password.',
    check: 'token',
  },
  copyUser(19, 'password'),
];

const clientSecretSteps: WalkthroughStep[] = [
  ...registerSteps,
  {
    number: 6,
    instruction:
      'Under Redirect URI select “Public client/native (mobile & desktop)” and enter the URI.',
    copy: [{ label: 'Redirect URI', text: NATIVE_CLIENT_REDIRECT_URI }],
    links: [links.replyUrl],
  },
  { number: 7, instruction: 'Click “Register”.' },
  {
    number: 8,
    instruction: 'The app registration’s Overview opens; if it does not, click the application.',
  },
  copyIds(9),
  { number: 10, instruction: 'Click “Manifest” in the left-hand menu.' },
  {
    number: 11,
    instruction: 'Add the app-only authentication permission to the manifest.',
    detail:
      'In "requiredResourceAccess": [ … ] add this entry, separated by a comma from the Microsoft Graph entry already there.',
    copy: [{ label: 'requiredResourceAccess entry', text: manifestEntry('client-secret') }],
    links: [links.appOnly],
  },
  { number: 12, instruction: 'Save the manifest.' },
  { number: 13, instruction: 'Click “API permissions” in the left-hand menu.' },
  {
    number: 14,
    instruction:
      'Confirm that full_access_as_app (Type: Application) is listed under Office 365 Exchange Online.',
    detail: 'The app asks for this scope with the client secret:',
    copy: [{ label: 'App-only scope', text: APP_ONLY_SCOPE }],
  },
  {
    number: 15,
    instruction: 'Click “Grant admin consent” and confirm with Yes.',
    detail:
      'The ERP needs full access to Exchange Web Services; an application access policy can limit it to some mailboxes.',
    links: [links.accessPolicy],
  },
  {
    number: 16,
    instruction: 'Verify that the status icon is green (“Granted for …”).',
    detail: 'Check asks Entra ID for a token with the current System settings.',
    check: 'token',
  },
  { number: 17, instruction: 'Click “Authentication” in the left-hand menu.' },
  {
    number: 18,
    instruction:
      'Under “Advanced settings”, set “Allow public client flows” (Enable the following mobile and desktop flows) to No.',
  },
  {
    number: 19,
    instruction: 'Save the settings.',
    detail: 'Check proves that Entra ID accepts the app as a confidential client.',
    check: 'token',
  },
  {
    number: 20,
    instruction: 'Open “Certificates & secrets” and click “New client secret”.',
  },
  {
    number: 21,
    instruction: 'Enter a description, choose when the secret expires, and click “Add”.',
    detail:
      'Enter the same expiry date here: it goes beside Client secret (row 24), and the app warns 30, 14 and 7 days before the secret stops working.',
    asks: 'secret-expiry',
  },
  {
    number: 22,
    instruction: 'Copy the secret’s Value now: it is shown only once.',
    detail:
      'Paste the Value (not the Secret ID) into Client secret (row 24) and save. Check proves that the secret is accepted.',
    check: 'token',
  },
  copyUser(23, 'client-secret'),
];

/** The guide's “Monitor ERP setup”, as the System settings rows it fills, in the guide's order. */
function systemSettingsRows(flow: AuthFlow): WalkthroughStep[] {
  return [
    row(14, 'Server based, via Microsoft Exchange Online.'),
    row(15, EXCHANGE_ONLINE_HOST, {
      copy: [{ label: 'Server address', text: EXCHANGE_ONLINE_HOST }],
    }),
    row(21, 'the Application (client) ID from the Azure Portal.', {
      detail: 'Filled by pasting the Essentials block at the Azure step above.',
    }),
    row(22, 'the Directory (tenant) ID (or a verified domain such as contoso.onmicrosoft.com).'),
    row(23, flow === 'password' ? 'User name/Password.' : 'Client secret.'),
    ...(flow === 'client-secret'
      ? [row(24, 'the secret’s Value from Azure Portal step 22.')]
      : [
          row(12, 'the user’s e-mail address from Azure Portal step 19.'),
          row(
            13,
            'that user’s password; it goes to the system keychain, never to the settings file.',
          ),
        ]),
    row(16, '0 (the default, 443 for Exchange Online).', { links: [links.ports] }),
  ];
}

/** The guide's green-icon steps, numbered on from its System settings steps (10–13, 11–14). */
function testSteps(flow: AuthFlow): WalkthroughStep[] {
  const first = flow === 'password' ? 10 : 11;
  return [
    {
      number: first,
      instruction: 'Save System settings, then click the green icon beside Server address.',
      opens: 'system-settings',
    },
    {
      number: first + 1,
      instruction: 'E-mail method: Server based, via Microsoft Exchange Online.',
    },
    {
      number: first + 2,
      instruction:
        flow === 'password'
          ? 'Enter a valid Recipient, Sender, User name (Exchange) and Password (Exchange).'
          : 'Enter a valid Recipient and Sender (the mailbox from Azure Portal step 23).',
    },
    {
      number: first + 3,
      instruction: 'Press Test: the first line of Result says OK!',
      detail:
        'A 403 Forbidden right after setup is normal while the tenant’s changes propagate; the test retries it for a while. Check below runs the same test and sends one test message.',
      check: 'ews',
    },
  ];
}

function incomingSteps(flow: AuthFlow): WalkthroughStep[] {
  const account =
    flow === 'password'
      ? ['Enter the e-mail address.', 'Enter the user name.', 'Enter the password.']
      : ['Enter the e-mail address.'];
  const steps = [
    'Open the procedure “Settings for incoming e-mail”.',
    'Under Service select “Exchange Online”.',
    `Enter the server name, for example ${EXCHANGE_ONLINE_HOST}.`,
    'Set a polling interval in minutes, for example 60,00 to check once an hour.',
    'Enter the Application (client) ID.',
    'Enter the Directory (tenant) ID.',
    // The guide's step 7 sets the flow; for Client secret its step 8 is the secret itself.
    ...(flow === 'password'
      ? ['Authentication flow: User name/Password.']
      : ['Authentication flow: Client secret.', 'Enter the client secret.']),
    'Add an e-mail account with the + icon or F5.',
    ...account,
    'Select every Type that applies, for example Monitor-to-Monitor.',
    'Click Available and choose who may use the account (“Available to all” by default).',
    'Press the green icon to validate the selected address.',
    'Press Save, then close the procedure.',
  ];
  return steps.map((instruction, i) => ({
    number: i + 1,
    instruction,
    ...(i === 0 ? { opens: 'incoming-mail' as const } : {}),
  }));
}

/** The Setup walkthrough for one flow (FLOWS.md §5): the guide's parts in the guide's order. */
export function walkthroughFor(flow: AuthFlow): WalkthroughSection[] {
  const flowName = flow === 'password' ? 'User name/password' : 'Client secret';
  return [
    {
      id: flow,
      title: 'Azure Portal setup',
      source: `Guide: ${flow === 'password' ? 'User name & password' : 'Client secret'} authentication, Azure Portal setup`,
      numbering: 'step',
      steps: flow === 'password' ? passwordSteps : clientSecretSteps,
    },
    {
      id: 'app',
      title: 'System settings',
      source: `Guide: Monitor ERP setup (${flowName} method), steps ${flow === 'password' ? '4–9' : '4–10'}`,
      numbering: 'row',
      steps: systemSettingsRows(flow),
    },
    {
      id: 'test',
      title: 'Check e-mail settings (the green icon)',
      source: `Guide: Monitor ERP setup (${flowName} method), steps ${flow === 'password' ? '10–13' : '11–14'}`,
      numbering: 'step',
      steps: testSteps(flow),
    },
    {
      id: 'incoming',
      title: 'Settings for incoming e-mail',
      source: `Guide: Settings for incoming e-mail (${flowName} method)`,
      numbering: 'step',
      steps: incomingSteps(flow),
    },
    ...beyondGuideSections(flow),
  ];
}

/** The guide's Limitations, which the 'limitations' setup references point at. */
export const limitations: string[] = [
  'Only one authentication method can be active at a time.',
  'The supported account type may differ with the company’s setup; the guide describes single tenant.',
  'Two-factor authentication can not be used with the user name & password method.',
  'Security settings are not covered: it is up to each IT department to choose and configure them.',
];

/** Where a diagnosis's setup reference lands in the walkthrough. */
export interface WalkthroughTarget {
  flow: AuthFlow;
  section: WalkthroughSectionId | 'limitations';
  /** The first step of the reference; absent for the Limitations. */
  step?: number;
}

/**
 * The walkthrough place a setup reference names: its own flow for an Azure part; for System
 * settings the current flow when it has every row named, the other flow otherwise; undefined when
 * the walkthrough has no such steps.
 */
export function targetOf(ref: SetupStepRef, currentFlow: AuthFlow): WalkthroughTarget | undefined {
  if (ref.part === 'limitations') return { flow: currentFlow, section: 'limitations' };
  const section = ref.part;
  const first = ref.steps[0];
  if (first === undefined) return undefined;
  const otherFlow: AuthFlow = currentFlow === 'password' ? 'client-secret' : 'password';
  const flows: AuthFlow[] =
    section === 'password' || section === 'client-secret' ? [section] : [currentFlow, otherFlow];
  const flow = flows.find((f) => {
    const numbers = walkthroughFor(f)
      .find((s) => s.id === section)
      ?.steps.map((s) => s.number);
    return ref.steps.every((n) => numbers?.includes(n));
  });
  return flow ? { flow, section, step: first } : undefined;
}

/** The DOM id of a step (or the Limitations) so links can scroll to it. */
export const anchorOf = (section: WalkthroughSectionId | 'limitations', step?: number): string =>
  step === undefined ? `walkthrough-${section}` : `walkthrough-${section}-${step}`;
