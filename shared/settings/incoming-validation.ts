import type { FieldError } from './field-error';
import { checkEntraFields, entraFieldsOf } from './entra-fields';
import {
  MAX_ACCOUNTS,
  MAX_POLLING_MINUTES,
  accountFieldKey,
  incomingSettingsFormSchema,
  isAccountColumnEnabled,
  isIncomingFieldEnabled,
  mailTypes,
  type AccountColumnKey,
  type Availability,
  type IncomingAccount,
  type IncomingSecretChanges,
  type IncomingSecretPresence,
  type IncomingServerFieldKey,
  type IncomingSettings,
  type IncomingSettingsForm,
} from './incoming-settings';
import { lengthErrors, secretTooLong, tooLong } from './limits';
import { parseLocaleDecimal } from './locale-decimal';
import { willBeSet } from './secrets';
import { HOST_HOW, isEmail, isHost, wholeNumberInRange } from './validators';

/** The guide's words for a wrong grid cell, then what to do about that cell. */
export const INCORRECT_VALUE = 'Incorrect value';
const cellMessages: Record<'email' | 'userName' | 'password' | 'types' | 'available', string> = {
  email: `${INCORRECT_VALUE}: enter the mailbox’s address, e.g. orders@contoso.com`,
  userName: `${INCORRECT_VALUE}: enter the mailbox’s user name (usually its UPN)`,
  password: `${INCORRECT_VALUE}: enter the mailbox’s password`,
  types: `${INCORRECT_VALUE}: choose at least one type`,
  available: `${INCORRECT_VALUE}: choose Available to all, or enter at least one user name`,
};
export const DUPLICATE_EMAIL = 'E-mail address is used twice: change or delete one of the rows';

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
    if (users.length > MAX_USERS)
      over.available = `Too many user names: at most ${MAX_USERS}; choose Available to all instead`;
    else if (long !== undefined)
      over.available = `User name ${long.slice(0, 20)}… is too long: at most ${MAX_USER_NAME} characters; shorten it`;
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

type Fail = (field: string, message: string) => void;

/** Server name, port and polling interval; answers the values to save. */
function checkServerRows(form: IncomingSettingsForm, fail: Fail) {
  const serverName = form.serverName.trim();
  if (serverName === '') fail('serverName', `Server name is missing: ${HOST_HOW}`);
  else if (!isHost(serverName))
    fail('serverName', `Server name is not a valid host name or IP address: ${HOST_HOW}`);

  const { value: port, message: portMessage } = wholeNumberInRange(form.port, 'Port', 0, 65535);
  if (portMessage) fail('port', portMessage);

  // Kept to the two decimals the field shows, so what is saved is what the admin saw.
  const typedInterval = parseLocaleDecimal(form.pollingInterval);
  const pollingInterval =
    typedInterval === undefined ? undefined : Math.round(typedInterval * 100) / 100;
  if (pollingInterval === undefined)
    fail('pollingInterval', 'Polling interval must be a number of minutes: enter e.g. 60.00');
  else if (pollingInterval <= 0 || pollingInterval > MAX_POLLING_MINUTES)
    fail(
      'pollingInterval',
      `Polling interval must be more than 0 and at most ${MAX_POLLING_MINUTES} minutes: enter a number in that range`,
    );
  return { serverName, port, pollingInterval };
}

/** Every grid row's cells, and each address against the rows above it. */
function checkAccountRows(
  form: IncomingSettingsForm,
  storedSecrets: IncomingSecretPresence,
  changes: IncomingSecretChanges,
  errors: readonly FieldError[],
  fail: Fail,
): void {
  const usesCredentials = isAccountColumnEnabled('userName', form);
  const seen = new Set<string>();
  for (const account of form.accounts) {
    const cell = (column: AccountColumnKey, message?: string) =>
      fail(
        accountFieldKey(account.id, column),
        message ?? cellMessages[column as keyof typeof cellMessages],
      );
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
}

/** Main's limits on the server settings and the client secret, as messages by their fields. */
function checkLimits(
  form: IncomingSettingsForm,
  changes: IncomingSecretChanges,
  errors: readonly FieldError[],
  fail: Fail,
): void {
  const isFree = (key: string) => !errors.some((e) => e.field === key);
  const { accounts: _accounts, ...server } = incomingSettingsFormSchema.shape;
  lengthErrors(server, form, isFree, fail);
  const clientSecret = changes.clientSecret;
  const clientSecretMessage =
    clientSecret?.action === 'set' ? secretTooLong(clientSecret.value) : undefined;
  if (clientSecretMessage && isFree('clientSecret')) fail('clientSecret', clientSecretMessage);
  if (form.accounts.length > MAX_ACCOUNTS)
    fail('accounts', `Too many e-mail accounts: at most ${MAX_ACCOUNTS}; delete rows to save`);
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
  const fail: Fail = (field, message) => errors.push({ field, message });

  const { serverName, port, pollingInterval } = checkServerRows(form, fail);
  const { clientId, tenantId } = checkEntraFields(
    entraFieldsOf(form, storedSecrets.clientSecret, changes.clientSecret),
    enabled,
    fail,
  );
  checkAccountRows(form, storedSecrets, changes, errors, fail);
  checkLimits(form, changes, errors, fail);

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
