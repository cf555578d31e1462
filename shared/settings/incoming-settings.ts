import { z } from 'zod';
import { failureFactsSchema } from '../diagnosis/failure';
import type { FieldError } from './field-error';
import { formatLocaleDecimal, parseLocaleDecimal } from './locale-decimal';
import { secretChangeSchema, willBeSet } from './secrets';
import { authFlows, values } from './system-settings';
import { checkEntraFields } from './entra-fields';
import { isEmail, isHost, wholeNumberInRange } from './validators';
import { lengthErrors, secretTooLong, tooLong } from './limits';
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

/**
 * User name and Password are what the ERP logs in with, so they are unused only for Exchange
 * Online's Client secret flow, where the application reads the mailbox itself.
 */
export const isAccountColumnEnabled = (column: AccountColumnKey, choice: ServiceChoice): boolean =>
  !(column === 'userName' || column === 'password') ||
  choice.service !== 'exchange-online' ||
  choice.authFlow === 'password';

export const INCORRECT_VALUE = 'Incorrect value';
export const DUPLICATE_EMAIL = 'E-mail address is used twice';

const cleanUsers = (users: readonly string[]): string[] => [
  ...new Set(users.map((u) => u.trim()).filter((u) => u !== '')),
];

const MAX_ADDRESS = 320;
const MAX_USER_NAME = 64;
const MAX_USERS = 1000;

/** The row's cells that main would refuse for their length (the same limits as the schema). */
function overLimitOf(account: IncomingAccount): AccountChecks['overLimit'] {
  const over: AccountChecks['overLimit'] = {};
  if (account.email.length > MAX_ADDRESS) over.email = tooLong(MAX_ADDRESS, account.email.length);
  if (account.userName.length > MAX_ADDRESS)
    over.userName = tooLong(MAX_ADDRESS, account.userName.length);
  if (!account.available.all) {
    const { users } = account.available;
    const long = users.find((u) => u.length > MAX_USER_NAME);
    if (users.length > MAX_USERS) over.available = `Too many user names: at most ${MAX_USERS}`;
    else if (long !== undefined)
      over.available = `User name ${long.slice(0, 20)}… is too long: at most ${MAX_USER_NAME} characters`;
  }
  return over;
}

/** What a row says about itself, whatever the other rows and the server settings say. */
export interface AccountChecks {
  /** The trimmed address in lower case: the duplicate check compares these across rows. */
  emailKey: string;
  emailValid: boolean;
  userNameMissing: boolean;
  typesMissing: boolean;
  availableMissing: boolean;
  /** Cells over main's limits, with their message. */
  overLimit: Partial<Record<'email' | 'userName' | 'available', string>>;
  /** The row as it is saved: trimmed, types in the guide's order, user names cleaned. */
  cleaned: IncomingAccount;
}

// Every edit replaces the row object (editAccount), so a row's checks are worked out once and
// typing in one row of a big grid re-checks only that row. Weak, so rows that are gone go too.
const checksByAccount = new WeakMap<IncomingAccount, AccountChecks>();

/** The row's own checks, from the cache while the row object is unchanged. */
export function accountChecksOf(account: IncomingAccount): AccountChecks {
  const cached = checksByAccount.get(account);
  if (cached) return cached;
  const email = account.email.trim();
  const userName = account.userName.trim();
  const types = mailTypes.map((t) => t.value).filter((t) => account.types.includes(t));
  const available: Availability = account.available.all
    ? { all: true }
    : { all: false, users: cleanUsers(account.available.users) };
  const checks: AccountChecks = {
    emailKey: email.toLowerCase(),
    emailValid: isEmail(email),
    userNameMissing: userName === '',
    typesMissing: types.length === 0,
    availableMissing: !available.all && available.users.length === 0,
    overLimit: overLimitOf(account),
    cleaned: { ...account, email, userName, types, available },
  };
  checksByAccount.set(account, checks);
  return checks;
}

/**
 * The one validation of Settings for incoming e-mail: the UI shows its messages inline, on grid
 * cells and in the errors panel, and main refuses a save with errors. Fields the service does
 * not use are not validated, so switching service never blocks a save on a disabled field.
 */
export function validateIncomingSettings(
  form: IncomingSettingsForm,
  storedSecrets: IncomingSecretPresence,
  changes: IncomingSecretChanges = {},
): { errors: FieldError[]; settings?: IncomingSettings } {
  const errors: FieldError[] = [];
  const enabled = (key: IncomingServerFieldKey) => isIncomingFieldEnabled(key, form.service);
  const fail = (field: string, message: string) => errors.push({ field, message });

  const serverName = form.serverName.trim();
  if (serverName === '') fail('serverName', 'Server name is missing');
  else if (!isHost(serverName))
    fail('serverName', 'Server name is not a valid host name or IP address');

  const { value: port, message: portMessage } = wholeNumberInRange(form.port, 'Port', 0, 65535);
  if (portMessage) fail('port', portMessage);

  // Kept to the two decimals the field shows, so what is saved is what the admin saw.
  const typedInterval = parseLocaleDecimal(form.pollingInterval);
  const pollingInterval =
    typedInterval === undefined ? undefined : Math.round(typedInterval * 100) / 100;
  if (pollingInterval === undefined)
    fail('pollingInterval', 'Polling interval must be a number of minutes');
  else if (pollingInterval <= 0 || pollingInterval > MAX_POLLING_MINUTES)
    fail(
      'pollingInterval',
      `Polling interval must be more than 0 and at most ${MAX_POLLING_MINUTES} minutes`,
    );

  const { clientId, tenantId } = checkEntraFields(
    {
      clientId: form.clientId,
      tenantId: form.tenantId,
      usesClientSecret: form.authFlow === 'client-secret',
      clientSecretWillBeSet: willBeSet(storedSecrets.clientSecret, changes.clientSecret),
      clientSecretTyped:
        changes.clientSecret?.action === 'set' ? changes.clientSecret.value : undefined,
    },
    enabled,
    fail,
  );

  const usesCredentials = isAccountColumnEnabled('userName', form);
  const seen = new Set<string>();
  for (const account of form.accounts) {
    const cell = (column: AccountColumnKey, message = INCORRECT_VALUE) =>
      fail(accountFieldKey(account.id, column), message);
    const checks = accountChecksOf(account);
    if (!checks.emailValid) cell('email');
    else if (seen.has(checks.emailKey)) cell('email', DUPLICATE_EMAIL);
    seen.add(checks.emailKey);
    if (usesCredentials) {
      if (checks.userNameMissing) cell('userName');
      const stored = storedSecrets.passwords[account.id] ?? false;
      if (!willBeSet(stored, changes.passwords?.[account.id])) cell('password');
    }
    if (checks.typesMissing) cell('types');
    if (checks.availableMissing) cell('available');
    for (const [column, message] of Object.entries(checks.overLimit) as [
      AccountColumnKey,
      string,
    ][])
      if (!errors.some((e) => e.field === accountFieldKey(account.id, column)))
        cell(column, message);
    const password = changes.passwords?.[account.id];
    const secretMessage = password?.action === 'set' ? secretTooLong(password.value) : undefined;
    if (secretMessage) cell('password', secretMessage);
  }

  // Main's limits on the server settings and the client secret, as messages by their fields.
  const isFree = (key: string) => !errors.some((e) => e.field === key);
  const { accounts: _accounts, ...server } = incomingSettingsFormSchema.shape;
  lengthErrors(server, form, isFree, fail);
  const clientSecret = changes.clientSecret;
  const clientSecretMessage =
    clientSecret?.action === 'set' ? secretTooLong(clientSecret.value) : undefined;
  if (clientSecretMessage && isFree('clientSecret')) fail('clientSecret', clientSecretMessage);
  if (form.accounts.length > MAX_ACCOUNTS)
    fail('accounts', `Too many e-mail accounts: at most ${MAX_ACCOUNTS}`);

  if (errors.length > 0 || port === undefined || pollingInterval === undefined) return { errors };
  return {
    errors,
    settings: {
      ...form,
      serverName,
      port,
      pollingInterval,
      clientId,
      tenantId,
      accounts: form.accounts.map((a) => accountChecksOf(a).cleaned),
    },
  };
}
