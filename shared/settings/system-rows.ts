import {
  authFlows,
  dateFormats,
  emailMethods,
  partGroupingTerms,
  type SystemFieldKey,
} from './system-settings';

export type RowControl =
  | { kind: 'select'; options: readonly { value: string; label: string }[] }
  | { kind: 'yes-no' }
  | { kind: 'time' }
  | { kind: 'spinner'; min: number; max: number; unit?: string }
  | { kind: 'number'; min: number; max: number }
  | { kind: 'text'; inputMode?: 'email' | 'url'; placeholder?: string }
  | { kind: 'secret' };

export interface SettingRow {
  /** The row number as the guide shows it. */
  n: number;
  key: SystemFieldKey;
  /** The accessible name: exactly the label in SCREENS.md. */
  label: string;
  /** Name used in the errors panel. */
  short: string;
  control: RowControl;
  help: string;
}

export interface RowGroup {
  heading: string;
  rows: SettingRow[];
}

/** System overall, rows 1–24, as the guide numbers and groups them. */
export const systemOverallGroups: RowGroup[] = [
  {
    heading: 'General',
    rows: [
      {
        n: 1,
        key: 'dateFormat',
        label: 'Date format',
        short: 'Date format',
        control: { kind: 'select', options: dateFormats },
        help: 'How dates are shown throughout the ERP: as a date, as a week number, or both.',
      },
      {
        n: 2,
        key: 'useAliasForBi',
        label: 'Use alias when exporting to Business intelligence',
        short: 'BI alias',
        control: { kind: 'yes-no' },
        help: 'Export column aliases instead of internal names to Business intelligence.',
      },
      {
        n: 3,
        key: 'staggeredDiscounts',
        label: 'Manage staggered discount rates in the procedure Discount categories',
        short: 'Staggered discounts',
        control: { kind: 'yes-no' },
        help: 'Allow quantity-staggered discount rates in Discount categories.',
      },
      {
        n: 4,
        key: 'partGroupingTerm',
        label: 'Part grouping term for discount categories',
        short: 'Part grouping',
        control: { kind: 'select', options: partGroupingTerms },
        help: 'Which part attribute discount categories are grouped by.',
      },
      {
        n: 5,
        key: 'fTaxApproved',
        label: 'Company is approved for F-tax',
        short: 'F-tax',
        control: { kind: 'yes-no' },
        help: 'Printed on invoices when the company holds Swedish F-tax approval.',
      },
      {
        n: 6,
        key: 'dayChangeTime',
        label: 'Time when order day/start day changes to next day',
        short: 'Day change',
        control: { kind: 'time' },
        help: 'Orders registered after this time (HH:MM, 24-hour clock) count as the next day.',
      },
      {
        n: 7,
        key: 'showExternalIds',
        label: 'Show identifier for external programs (Extra fields)',
        short: 'External identifiers',
        control: { kind: 'yes-no' },
        help: 'Show the identifiers external programs use for extra fields.',
      },
      {
        n: 8,
        key: 'searchIndexing',
        label: 'Search indexing (Monitor search)',
        short: 'Search indexing',
        control: { kind: 'yes-no' },
        help: 'Keep the search index up to date for Monitor search.',
      },
      {
        n: 9,
        key: 'sendUsageStatistics',
        label: 'Send usage statistics to Monitor',
        short: 'Usage statistics',
        control: { kind: 'yes-no' },
        help: 'Send anonymous usage statistics to the ERP vendor.',
      },
    ],
  },
  {
    heading: 'Backup',
    rows: [
      {
        n: 10,
        key: 'backupWarningDays',
        label: 'Number of days before warning',
        short: 'Days before warning',
        control: { kind: 'spinner', min: 1, max: 365 },
        help: 'Warn when no backup has been taken for this many days (1–365).',
      },
      {
        n: 11,
        key: 'backupSender',
        label: 'E-mail sender of backup notification',
        short: 'Backup sender',
        control: { kind: 'text', inputMode: 'email' },
        help: 'The mailbox backup notifications are sent from. Also prefills Sender in Check e-mail settings.',
      },
      {
        n: 12,
        key: 'exchangeUserName',
        label: 'User name (Exchange)',
        short: 'User name (Exchange)',
        control: { kind: 'text', inputMode: 'email' },
        help: 'The account (usually its UPN) used with the User name/Password flow and on-premises Exchange.',
      },
      {
        n: 13,
        key: 'exchangePassword',
        label: 'Password (Exchange)',
        short: 'Password (Exchange)',
        control: { kind: 'secret' },
        help: 'Stored in the OS keychain, never in the settings file. Two-factor authentication cannot be used with this account.',
      },
    ],
  },
  {
    heading: 'E-mail',
    rows: [
      {
        n: 14,
        key: 'emailMethod',
        label: 'E-mail method',
        short: 'E-mail method',
        control: { kind: 'select', options: emailMethods },
        help: 'How the ERP sends e-mail. Rows a method does not use are disabled.',
      },
      {
        n: 15,
        key: 'serverAddress',
        label: 'Server address (Exchange/SMTP)',
        short: 'Server address',
        control: { kind: 'text', placeholder: 'outlook.office365.com' },
        help: 'Host name or IP address of the mail server; outlook.office365.com for Exchange Online. The green icon tests the settings.',
      },
      {
        n: 16,
        key: 'port',
        label: 'Port (Exchange/SMTP)',
        short: 'Port',
        control: { kind: 'number', min: 0, max: 65535 },
        help: '0 uses the method’s default port (443 for Exchange Online).',
      },
      {
        n: 17,
        key: 'smtpUserName',
        label: 'User name (SMTP)',
        short: 'User name (SMTP)',
        control: { kind: 'text', inputMode: 'email' },
        help: 'Account for SMTP authentication. Not used by Exchange Online.',
      },
      {
        n: 18,
        key: 'smtpPassword',
        label: 'Password (SMTP)',
        short: 'Password (SMTP)',
        control: { kind: 'secret' },
        help: 'Stored in the OS keychain. Not used by Exchange Online.',
      },
      {
        n: 19,
        key: 'useSsl',
        label: 'Use SSL',
        short: 'Use SSL',
        control: { kind: 'yes-no' },
        help: 'Use TLS for SMTP. Exchange Online always uses HTTPS.',
      },
      {
        n: 20,
        key: 'maxAttachmentMb',
        label: 'Maximum size for files in e-mail',
        short: 'Maximum size',
        control: { kind: 'spinner', min: 1, max: 150, unit: 'MB' },
        help: 'Largest attachment the ERP will send, in MB (1–150). Exchange Online accepts up to 150 MB.',
      },
    ],
  },
  {
    heading: 'Microsoft Entra ID (Azure Exchange/SharePoint)',
    rows: [
      {
        n: 21,
        key: 'clientId',
        label: 'Application (client) ID',
        short: 'Application (client) ID',
        control: { kind: 'text', placeholder: '00000000-0000-0000-0000-000000000000' },
        help: 'From the app registration’s Overview page in the Azure Portal (setup step 8).',
      },
      {
        n: 22,
        key: 'tenantId',
        label: 'Directory (tenant) ID',
        short: 'Directory (tenant) ID',
        control: { kind: 'text', placeholder: 'GUID or contoso.onmicrosoft.com' },
        help: 'The tenant’s GUID from the Overview page (setup step 8), or a verified domain.',
      },
      {
        n: 23,
        key: 'authFlow',
        label: 'Authentication flow',
        short: 'Authentication flow',
        control: { kind: 'select', options: authFlows },
        help: 'User name/Password uses rows 12–13 (no MFA possible). Client secret uses row 24 and application permissions. Only one can be active.',
      },
      {
        n: 24,
        key: 'clientSecret',
        label: 'Client secret',
        short: 'Client secret',
        control: { kind: 'secret' },
        help: 'The secret’s Value (not its ID) from Certificates & secrets; it can be copied only once. Required for the Client secret flow.',
      },
    ],
  },
];

export const systemOverallRows: SettingRow[] = systemOverallGroups.flatMap((g) => g.rows);

/** Each field's name in the errors panel and in a Result's list of form errors. */
export const systemShortNames = new Map<string, string>([
  ...systemOverallRows.map((r): [string, string] => [r.key, r.short]),
  ['clientSecretExpires', 'Secret expires'],
]);

export const systemSettingsTabs = [
  'Manufacturing',
  'Purchase',
  'Sales',
  'Stock',
  'Time recording',
  'Accounting',
  'System overall',
  'Web Agent',
] as const;
