import { z } from 'zod';
import { failureFactsSchema } from '../diagnosis/failure';
import { formatLocaleDecimal } from './locale-decimal';
import { secretChangeSchema } from './secrets';
import { authFlows, values } from './system-settings';
import { validationBasisSchema } from './validation-basis';

export const incomingServices = [
  { value: 'exchange', label: 'Exchange' },
  { value: 'imap', label: 'IMAP' },
  { value: 'exchange-online', label: 'Exchange Online' },
] as const;
export type IncomingService = (typeof incomingServices)[number]['value'];

/** The kinds of mail the ERP reads from a mailbox, in the guide's order. */
export const mailTypes = [
  { value: 'monitor-to-monitor', label: 'Monitor-to-Monitor' },
  { value: 'crm', label: 'CRM' },
  { value: 'srm', label: 'SRM' },
  { value: 'part', label: 'Part' },
  { value: 'customer-order', label: 'Customer order' },
  { value: 'case', label: 'Case' },
  { value: 'quote', label: 'Quote' },
  { value: 'purchase-order', label: 'Purchase order' },
  { value: 'inquiry', label: 'Inquiry' },
  { value: 'personnel', label: 'Personnel' },
  { value: 'project', label: 'Project' },
] as const;
export type MailType = (typeof mailTypes)[number]['value'];

export const MAX_ACCOUNTS = 5000;
export const MAX_POLLING_MINUTES = 1440;

/** Who in the ERP may use the mailbox: everyone (the default) or the listed ERP user names. */
export const availabilitySchema = z.discriminatedUnion('all', [
  z.object({ all: z.literal(true) }),
  z.object({ all: z.literal(false), users: z.array(z.string().max(64)).max(1000) }),
]);
export type Availability = z.infer<typeof availabilitySchema>;

/**
 * The last validation of a row. Val. shows a check mark for `ok`; it only ever describes the
 * row's current values because every edit of e-mail, user name or password removes it, and it
 * shows as out of date once anything in `basis` changes (validation-basis.ts).
 */
export const accountValidationSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('ok'),
    at: z.iso.datetime(),
    total: z.number().int().nonnegative(),
    unread: z.number().int().nonnegative(),
    newest: z.array(z.string().max(998)).max(10),
    /** When the newest message arrived. */
    newestAt: z.iso.datetime({ offset: true }).optional(),
    basis: validationBasisSchema.optional(),
  }),
  z.object({
    status: z.literal('failed'),
    at: z.iso.datetime(),
    reason: z.string().max(2000),
    facts: failureFactsSchema.optional(),
    basis: validationBasisSchema.optional(),
  }),
]);
export type AccountValidation = z.infer<typeof accountValidationSchema>;

/** One row of the E-mail accounts grid; its password lives in the keychain under `id`. */
export const incomingAccountSchema = z.object({
  id: z.uuid(),
  email: z.string().max(320),
  userName: z.string().max(320),
  types: z.array(z.enum(values(mailTypes))).max(mailTypes.length),
  available: availabilitySchema,
  validation: accountValidationSchema.optional(),
});
export type IncomingAccount = z.infer<typeof incomingAccountSchema>;

/** The saved, typed settings (what the settings file holds; never a secret). */
export const incomingSettingsSchema = z.object({
  service: z.enum(values(incomingServices)),
  serverName: z.string().max(253),
  port: z.number().int(),
  /** Minutes, with up to two decimals. */
  pollingInterval: z.number(),
  clientId: z.string().max(64),
  tenantId: z.string().max(253),
  authFlow: z.enum(values(authFlows)),
  accounts: z.array(incomingAccountSchema).max(MAX_ACCOUNTS),
});
export type IncomingSettings = z.infer<typeof incomingSettingsSchema>;

/** What the form holds while a person edits: numbers stay as the text they typed. */
export const incomingSettingsFormSchema = incomingSettingsSchema.extend({
  port: z.string().max(32),
  pollingInterval: z.string().max(32),
});
export type IncomingSettingsForm = z.infer<typeof incomingSettingsFormSchema>;

export const defaultIncomingSettings: IncomingSettings = {
  service: 'exchange-online',
  serverName: 'outlook.office365.com',
  port: 0,
  pollingInterval: 60,
  clientId: '',
  tenantId: '',
  authFlow: 'password',
  accounts: [],
};

/** Only whether each secret is stored; the secret itself never leaves main. */
export const incomingSecretPresenceSchema = z.object({
  clientSecret: z.boolean(),
  /** Keyed by account id. */
  passwords: z.record(z.string(), z.boolean()),
});
export type IncomingSecretPresence = z.infer<typeof incomingSecretPresenceSchema>;

export const incomingSecretChangesSchema = z.object({
  clientSecret: secretChangeSchema.optional(),
  /** Keyed by account id; an absent id keeps its stored password. */
  passwords: z.record(z.uuid(), secretChangeSchema).optional(),
});
export type IncomingSecretChanges = z.infer<typeof incomingSecretChangesSchema>;

/** The form for `settings`, with the polling interval written the way `locale` writes decimals. */
export const toIncomingSettingsForm = (
  settings: IncomingSettings,
  locale: string,
): IncomingSettingsForm => ({
  ...settings,
  port: String(settings.port),
  pollingInterval: formatLocaleDecimal(settings.pollingInterval, locale),
});

/** A fresh grid row: Available to all, no type chosen yet. */
export const newIncomingAccount = (
  id: string = globalThis.crypto.randomUUID(),
): IncomingAccount => ({
  id,
  email: '',
  userName: '',
  types: [],
  available: { all: true },
});

export type AccountEdit = Partial<
  Pick<IncomingAccount, 'email' | 'userName' | 'types' | 'available'>
>;

/**
 * The row after an edit. Val. (and a failure shown in its place) is dropped as soon as the
 * e-mail, user name or password changes, because it no longer says anything about these values.
 */
export function editAccount(
  account: IncomingAccount,
  edit: AccountEdit,
  passwordChanged = false,
): IncomingAccount {
  const next = { ...account, ...edit };
  const credentialsChanged =
    passwordChanged ||
    (edit.email !== undefined && edit.email !== account.email) ||
    (edit.userName !== undefined && edit.userName !== account.userName);
  if (!credentialsChanged) return next;
  const { validation: _dropped, ...rest } = next;
  return rest;
}

export const incomingServerFieldKeys = [
  'service',
  'serverName',
  'port',
  'pollingInterval',
  'clientId',
  'tenantId',
  'authFlow',
  'clientSecret',
] as const;
export type IncomingServerFieldKey = (typeof incomingServerFieldKeys)[number];

export const accountColumnKeys = [
  'validation',
  'email',
  'userName',
  'password',
  'types',
  'available',
] as const;
export type AccountColumnKey = (typeof accountColumnKeys)[number];

/** The field key of one grid cell, as FieldError.field carries it. */
export const accountFieldKey = (id: string, column: AccountColumnKey): string =>
  `accounts.${id}.${column}`;

type ServiceChoice = Pick<IncomingSettings, 'service' | 'authFlow'>;

const entraFields: readonly IncomingServerFieldKey[] = [
  'clientId',
  'tenantId',
  'authFlow',
  'clientSecret',
];

/** The Entra ID fields belong to Exchange Online; the others to every service. */
export const isIncomingFieldEnabled = (
  key: IncomingServerFieldKey,
  service: IncomingService,
): boolean => service === 'exchange-online' || !entraFields.includes(key);

/** Whether a server field is in use: the service's, less Client secret under User name/Password. */
export const isIncomingRowInUse = (
  key: IncomingServerFieldKey,
  form: Pick<IncomingSettingsForm, 'service' | 'authFlow'>,
): boolean =>
  isIncomingFieldEnabled(key, form.service) &&
  (key !== 'clientSecret' || form.authFlow === 'client-secret');

/**
 * User name and Password are what the ERP logs in with, so they are unused only for Exchange
 * Online's Client secret flow, where the application reads the mailbox itself.
 */
export const isAccountColumnEnabled = (column: AccountColumnKey, choice: ServiceChoice): boolean =>
  !(column === 'userName' || column === 'password') ||
  choice.service !== 'exchange-online' ||
  choice.authFlow === 'password';
