import type { AuthFlow } from '../../settings/system-settings';
import {
  APP_ONLY_SCOPE,
  DELEGATED_SCOPE,
  NATIVE_CLIENT_REDIRECT_URI,
  manifestEntry,
} from './exchange-online';
import { links } from './links';
import type { WalkthroughStep } from './types';

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

export const passwordSteps: WalkthroughStep[] = [
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

export const clientSecretSteps: WalkthroughStep[] = [
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
