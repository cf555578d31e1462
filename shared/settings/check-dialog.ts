import type { AuthFlow, EmailMethod, SystemSecretKey } from './system-settings';

/**
 * Exchange Online's two ways in (SCREENS.md §2, §3): EWS, what the ERP uses, and Microsoft Graph,
 * what replaces EWS there on 2027-04-01. The Check dialog's Send through and the grid's Validate
 * through both offer them.
 */
export const mailApis = [
  { value: 'ews', label: 'Exchange Web Services (EWS)' },
  { value: 'graph', label: 'Microsoft Graph' },
] as const;
export type MailApi = (typeof mailApis)[number]['value'];

/** How the Check dialog's sign-in fields serve one E-mail method (SCREENS.md §2, FLOWS.md §7). */
export interface DialogCredentials {
  userLabel: 'User name (Exchange)' | 'User name (SMTP)';
  passwordLabel: 'Password (Exchange)' | 'Password (SMTP)';
  /** The System settings secret the password field stands for. */
  secretKey: SystemSecretKey;
  /** Whether the test signs in with these fields at all. */
  used: boolean;
  /** Whether a user name must be given (SMTP may send without AUTH). */
  required: boolean;
  /** Why the fields are disabled or optional, shown beside them. */
  note?: string;
}

const exchange = {
  userLabel: 'User name (Exchange)',
  passwordLabel: 'Password (Exchange)',
  secretKey: 'exchangePassword',
} as const;

export function dialogCredentials(method: EmailMethod, flow: AuthFlow): DialogCredentials {
  switch (method) {
    case 'smtp':
      return {
        userLabel: 'User name (SMTP)',
        passwordLabel: 'Password (SMTP)',
        secretKey: 'smtpPassword',
        used: true,
        required: false,
        note: 'Leave User name (SMTP) empty for a server that accepts mail without logging in.',
      };
    case 'exchange':
      return { ...exchange, used: true, required: true };
    case 'client':
      return {
        ...exchange,
        used: false,
        required: false,
        note: 'Not used: the mail client sends with its own account.',
      };
    case 'exchange-online':
      return flow === 'password'
        ? { ...exchange, used: true, required: true }
        : {
            ...exchange,
            used: false,
            required: false,
            note: 'Not used: with Client secret the app signs in with row 24 and sends as Sender.',
          };
  }
}
