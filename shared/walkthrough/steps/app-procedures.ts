import type { AuthFlow } from '../../settings/system-settings';
import { row } from '../settings-row';
import { EXCHANGE_ONLINE_HOST } from './exchange-online';
import { links } from './links';
import type { WalkthroughStep } from './types';

/** The guide's “Monitor ERP setup”, as the System settings rows it fills, in the guide's order. */
export function systemSettingsRows(flow: AuthFlow): WalkthroughStep[] {
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
export function testSteps(flow: AuthFlow): WalkthroughStep[] {
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

export function incomingSteps(flow: AuthFlow): WalkthroughStep[] {
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
