import {
  incomingServices,
  MAX_POLLING_MINUTES,
  type AccountColumnKey,
  type IncomingServerFieldKey,
} from './incoming-settings';
import type { RowControl } from './system-rows';
import { authFlows } from './system-settings';

/** The polling interval is the one decimal field: shown in the user's locale, typed in either. */
export type IncomingControl =
  RowControl | { kind: 'decimal'; min: number; max: number; unit: string };

export interface IncomingServerRow {
  key: IncomingServerFieldKey;
  /** The accessible name: exactly the label in SCREENS.md §3. */
  label: string;
  /** Name used in the errors panel. */
  short: string;
  control: IncomingControl;
  help: string;
}

/** Server settings, in the order the guide's screen shows them. */
export const incomingServerRows: IncomingServerRow[] = [
  {
    key: 'service',
    label: 'Service',
    short: 'Service',
    control: { kind: 'select', options: incomingServices },
    help: 'Where the ERP reads incoming e-mail. Fields a service does not use are disabled.',
  },
  {
    key: 'serverName',
    label: 'Server name',
    short: 'Server name',
    control: { kind: 'text', placeholder: 'outlook.office365.com' },
    help: 'Host name or IP address of the mail server; outlook.office365.com for Exchange Online.',
  },
  {
    key: 'port',
    label: 'Port',
    short: 'Port',
    control: { kind: 'number', min: 0, max: 65535 },
    help: '0 uses the service’s default port (443 for Exchange, 993 for IMAP).',
  },
  {
    key: 'pollingInterval',
    label: 'Polling interval',
    short: 'Polling interval',
    control: { kind: 'decimal', min: 0, max: MAX_POLLING_MINUTES, unit: 'min' },
    help: 'How often the ERP looks for new e-mail, in minutes (60,00 checks once an hour).',
  },
  {
    key: 'clientId',
    label: 'Application (client) ID',
    short: 'Application (client) ID',
    control: { kind: 'text', placeholder: '00000000-0000-0000-0000-000000000000' },
    help: 'From the app registration’s Overview page in the Azure Portal. Exchange Online only.',
  },
  {
    key: 'tenantId',
    label: 'Directory (tenant) ID',
    short: 'Directory (tenant) ID',
    control: { kind: 'text', placeholder: 'GUID or contoso.onmicrosoft.com' },
    help: 'The tenant’s GUID from the Overview page, or a verified domain. Exchange Online only.',
  },
  {
    key: 'authFlow',
    label: 'Authentication flow',
    short: 'Authentication flow',
    control: { kind: 'select', options: authFlows },
    help: 'User name/Password logs in as each account (no MFA possible). Client secret reads every mailbox with the application’s permission.',
  },
  {
    key: 'clientSecret',
    label: 'Client secret',
    short: 'Client secret',
    control: { kind: 'secret' },
    help: 'The secret’s Value (not its ID) from Certificates & secrets. Required for the Client secret flow.',
  },
];

export interface AccountColumn {
  key: AccountColumnKey;
  /** The column header and each cell's accessible name, exactly as in SCREENS.md §3. */
  label: string;
  /** Name used in the errors panel. */
  short: string;
}

/** The E-mail accounts grid's columns, left to right. */
export const incomingAccountColumns: AccountColumn[] = [
  { key: 'validation', label: 'Val.', short: 'Val.' },
  { key: 'email', label: 'E-mail', short: 'E-mail' },
  { key: 'userName', label: 'User name', short: 'User name' },
  { key: 'password', label: 'Password', short: 'Password' },
  { key: 'types', label: 'Type', short: 'Type' },
  { key: 'available', label: 'Available', short: 'Available' },
];

export const AVAILABLE_TO_ALL = 'Available to all';
