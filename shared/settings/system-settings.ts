import { z } from 'zod';
import type { FieldError } from './field-error';
import type { SecretChange } from './secrets';
import { checkEntraFields, entraFieldsOf } from './entra-fields';
import { lengthErrors, secretTooLong } from './limits';
import { parseExpiryDate } from './secret-expiry';
import {
  INVISIBLE_IN_ADDRESS,
  hasInvisibleCharacter,
  HOST_HOW,
  INVALID_ADDRESS,
  isEmail,
  isHost,
  isTimeOfDay,
  wholeNumberInRange,
} from './validators';

export const emailMethods = [
  { value: 'client', label: 'Client based (e.g. Outlook)' },
  { value: 'smtp', label: 'Server based, via SMTP' },
  { value: 'exchange', label: 'Server based, via Microsoft Exchange' },
  { value: 'exchange-online', label: 'Server based, via Microsoft Exchange Online' },
] as const;
export type EmailMethod = (typeof emailMethods)[number]['value'];

export const authFlows = [
  { value: 'password', label: 'User name/Password' },
  { value: 'client-secret', label: 'Client secret' },
] as const;
export type AuthFlow = (typeof authFlows)[number]['value'];

export const dateFormats = [
  { value: 'date', label: 'Date' },
  { value: 'week', label: 'Week' },
  { value: 'date-and-week', label: 'Date and week' },
] as const;

export const partGroupingTerms = [
  { value: 'product-group', label: 'Product group' },
  { value: 'part-type', label: 'Part type' },
  { value: 'part-code', label: 'Part code' },
] as const;

/** The values of a list of select options, as the tuple `z.enum` takes. */
export const values = <T extends readonly { value: string }[]>(options: T) =>
  options.map((o) => o.value) as unknown as [T[number]['value'], ...T[number]['value'][]];

export const systemSecretKeys = ['exchangePassword', 'smtpPassword', 'clientSecret'] as const;
export type SystemSecretKey = (typeof systemSecretKeys)[number];
export type SystemSecretPresence = Record<SystemSecretKey, boolean>;
export type SystemSecretChanges = Partial<Record<SystemSecretKey, SecretChange>>;

/** The saved, typed settings (what the settings file holds; never a secret). */
export const systemSettingsSchema = z.object({
  dateFormat: z.enum(values(dateFormats)),
  useAliasForBi: z.boolean(),
  staggeredDiscounts: z.boolean(),
  partGroupingTerm: z.enum(values(partGroupingTerms)),
  fTaxApproved: z.boolean(),
  dayChangeTime: z.string(),
  showExternalIds: z.boolean(),
  searchIndexing: z.boolean(),
  sendUsageStatistics: z.boolean(),
  backupWarningDays: z.number().int(),
  backupSender: z.string(),
  exchangeUserName: z.string(),
  emailMethod: z.enum(values(emailMethods)),
  serverAddress: z.string(),
  port: z.number().int(),
  smtpUserName: z.string(),
  useSsl: z.boolean(),
  maxAttachmentMb: z.number().int(),
  clientId: z.string(),
  tenantId: z.string(),
  authFlow: z.enum(values(authFlows)),
  /** When row 24's secret expires (YYYY-MM-DD), as the admin noted it at Azure Portal step 21. */
  clientSecretExpires: z.string().max(10).optional(),
});
export type SystemSettings = z.infer<typeof systemSettingsSchema>;

type NumericKey = 'backupWarningDays' | 'port' | 'maxAttachmentMb';

/** What the form holds while a person edits: numbers stay as the text they typed. */
export type SystemSettingsForm = Omit<SystemSettings, NumericKey> & Record<NumericKey, string>;

export const systemSettingsFormSchema = systemSettingsSchema.extend({
  backupWarningDays: z.string().max(32),
  port: z.string().max(32),
  maxAttachmentMb: z.string().max(32),
  dayChangeTime: z.string().max(32),
  backupSender: z.string().max(320),
  exchangeUserName: z.string().max(320),
  serverAddress: z.string().max(253),
  smtpUserName: z.string().max(320),
  clientId: z.string().max(64),
  tenantId: z.string().max(253),
});

export const defaultSystemSettings: SystemSettings = {
  dateFormat: 'date',
  useAliasForBi: false,
  staggeredDiscounts: true,
  partGroupingTerm: 'product-group',
  fTaxApproved: true,
  dayChangeTime: '12:00',
  showExternalIds: false,
  searchIndexing: true,
  sendUsageStatistics: false,
  backupWarningDays: 3,
  backupSender: '',
  exchangeUserName: '',
  emailMethod: 'exchange-online',
  serverAddress: 'outlook.office365.com',
  port: 0,
  smtpUserName: '',
  useSsl: false,
  maxAttachmentMb: 10,
  clientId: '',
  tenantId: '',
  authFlow: 'password',
};

export const toSystemSettingsForm = (settings: SystemSettings): SystemSettingsForm => ({
  ...settings,
  backupWarningDays: String(settings.backupWarningDays),
  port: String(settings.port),
  maxAttachmentMb: String(settings.maxAttachmentMb),
});

export type SystemFieldKey = keyof SystemSettings | SystemSecretKey;

/** Rows 15–24 depend on the e-mail method: rows a method does not use are disabled, not hidden. */
const usedByMethod: Record<EmailMethod, readonly SystemFieldKey[]> = {
  client: [],
  smtp: ['serverAddress', 'port', 'smtpUserName', 'smtpPassword', 'useSsl'],
  exchange: ['serverAddress', 'port'],
  'exchange-online': ['serverAddress', 'port', 'clientId', 'tenantId', 'authFlow', 'clientSecret'],
};
const methodDependent: readonly SystemFieldKey[] = [
  'serverAddress',
  'port',
  'smtpUserName',
  'smtpPassword',
  'useSsl',
  'clientId',
  'tenantId',
  'authFlow',
  'clientSecret',
];

const entraRows: readonly SystemFieldKey[] = ['clientId', 'tenantId', 'authFlow', 'clientSecret'];

/** Exchange Online's SMTP submission host (FLOWS.md §1). */
export const EXCHANGE_ONLINE_SMTP_HOST = 'smtp.office365.com';

export const isExchangeOnlineSmtp = (serverAddress: string): boolean =>
  serverAddress.trim().toLowerCase() === EXCHANGE_ONLINE_SMTP_HOST;

const isFree = (errors: readonly FieldError[], field: string) =>
  !errors.some((e) => e.field === field);

/**
 * Whether a row is in use for the method. SMTP to Exchange Online also uses rows 21–24: the
 * test tries AUTH XOAUTH2 with them next to the configured login (FLOWS.md §4).
 */
export const isSystemFieldEnabled = (
  key: SystemFieldKey,
  method: EmailMethod,
  serverAddress = '',
): boolean =>
  !methodDependent.includes(key) ||
  usedByMethod[method].includes(key) ||
  (method === 'smtp' && entraRows.includes(key) && isExchangeOnlineSmtp(serverAddress));

/**
 * Whether a row is in use as the form stands: the method's rows, less row 24 (and its expiry)
 * under User name/Password, which signs in with a user's password and never the client secret.
 */
export const isSystemRowInUse = (
  key: SystemFieldKey,
  form: Pick<SystemSettingsForm, 'emailMethod' | 'serverAddress' | 'authFlow'>,
): boolean =>
  isSystemFieldEnabled(key, form.emailMethod, form.serverAddress) &&
  (key !== 'clientSecret' || form.authFlow === 'client-secret');

type Fail = (field: SystemFieldKey, message: string) => void;
type Enabled = (key: SystemFieldKey) => boolean;

/** Rows 10, 16 and 20: a disabled row keeps its default; an enabled one must be in range. */
function wholeNumbers(form: SystemSettingsForm, enabled: Enabled, fail: Fail) {
  const whole = (key: NumericKey, name: string, min: number, max: number, unit?: string) => {
    const { value, message } = wholeNumberInRange(form[key], name, min, max, unit);
    if (!enabled(key)) return value ?? defaultSystemSettings[key];
    if (message) fail(key, message);
    return value ?? 0;
  };
  return {
    backupWarningDays: whole('backupWarningDays', 'Number of days', 1, 365),
    port: whole('port', 'Port', 0, 65535),
    maxAttachmentMb: whole('maxAttachmentMb', 'Maximum size', 1, 150, ' MB'),
  };
}

/** The time and the two addresses; answers the trimmed server address. */
function checkTexts(form: SystemSettingsForm, enabled: Enabled, fail: Fail): string {
  if (!isTimeOfDay(form.dayChangeTime))
    fail('dayChangeTime', 'Time must be HH:MM (00:00–23:59): enter it as e.g. 12:00');
  if (hasInvisibleCharacter(form.backupSender)) fail('backupSender', INVISIBLE_IN_ADDRESS);
  else if (form.backupSender.trim() !== '' && !isEmail(form.backupSender.trim()))
    fail('backupSender', INVALID_ADDRESS);

  const server = form.serverAddress.trim();
  if (enabled('serverAddress')) {
    if (server === '') fail('serverAddress', `Server address is missing: ${HOST_HOW}`);
    else if (!isHost(server))
      fail('serverAddress', `Server address is not a valid host name or IP address: ${HOST_HOW}`);
  }
  return server;
}

/**
 * Main's limits, checked here first so that they show as messages by their fields.
 * A field with an error already keeps that one; main checks every field, used or not.
 */
function checkLimits(
  form: SystemSettingsForm,
  changes: SystemSecretChanges,
  errors: readonly FieldError[],
  fail: Fail,
): void {
  lengthErrors(systemSettingsFormSchema.shape, form, (key) => isFree(errors, key), fail);
  for (const [key, change] of Object.entries(changes) as [
    SystemSecretKey,
    SecretChange | undefined,
  ][]) {
    const message = change?.action === 'set' ? secretTooLong(change.value) : undefined;
    if (message) fail(key, message);
  }
}

/**
 * The one validation of System settings: the UI shows its messages inline and in the errors
 * panel, and main refuses a save with errors. Disabled rows are not validated, so a method
 * switch never blocks a save with errors in fields the user cannot edit.
 */
export function validateSystemSettings(
  form: SystemSettingsForm,
  storedSecrets: SystemSecretPresence,
  changes: SystemSecretChanges = {},
): { errors: FieldError[]; settings?: SystemSettings } {
  const errors: FieldError[] = [];
  const enabled = (key: SystemFieldKey) =>
    isSystemFieldEnabled(key, form.emailMethod, form.serverAddress);
  // With SMTP the OAuth rows are an extra the admin may leave empty; once filled, they are checked.
  const entraSkipped =
    form.emailMethod === 'smtp' && form.clientId.trim() === '' && form.tenantId.trim() === '';
  const fail: Fail = (field, message) => errors.push({ field, message });

  const numbers = wholeNumbers(form, enabled, fail);
  const server = checkTexts(form, enabled, fail);
  const { clientId, tenantId } = checkEntraFields(
    entraFieldsOf(form, storedSecrets.clientSecret, changes.clientSecret),
    (key) => enabled(key) && !entraSkipped,
    fail,
  );

  const clientSecretExpires = form.clientSecretExpires?.trim() ?? '';
  if (clientSecretExpires !== '' && parseExpiryDate(clientSecretExpires) === undefined)
    fail(
      'clientSecretExpires',
      'Secret expires must be a date as YYYY-MM-DD: enter the Expires date from Certificates & secrets, e.g. 2027-11-30',
    );

  checkLimits(form, changes, errors, fail);

  if (errors.length > 0) return { errors };
  return {
    errors,
    settings: {
      ...form,
      backupSender: form.backupSender.trim(),
      exchangeUserName: form.exchangeUserName.trim(),
      serverAddress: server,
      smtpUserName: form.smtpUserName.trim(),
      clientId,
      tenantId,
      ...numbers,
      clientSecretExpires: clientSecretExpires || undefined,
    },
  };
}
