import { NETWORK_SECRET_KEY } from '../../../shared/settings/network';
import type { SystemSecretKey } from '../../../shared/settings/system-settings';

/**
 * Every name the app files a secret under in the OS keychain, in one place: a rename here is a
 * migration, so no other module spells an entry name.
 */

/** The keychain account of each System secret (rows 22 and 24). */
export const systemSecretAccount = (key: SystemSecretKey): string => `system.${key}`;

/** The keychain account of the incoming procedure's Client secret. */
export const INCOMING_CLIENT_SECRET_ACCOUNT = 'incoming.clientSecret';

/** What every grid row's password account starts with (to list them). */
export const INCOMING_PASSWORD_PREFIX = 'incoming.account.';
const PASSWORD_SUFFIX = '.password';

/** The keychain account of one grid row's password, keyed by the row's stable id. */
export const incomingPasswordAccount = (id: string): string =>
  `${INCOMING_PASSWORD_PREFIX}${id}${PASSWORD_SUFFIX}`;

/** Whether a keychain account is some row's password. */
export const isIncomingPasswordAccount = (account: string): boolean =>
  account.startsWith(INCOMING_PASSWORD_PREFIX) && account.endsWith(PASSWORD_SUFFIX);

/** The keychain account of the Network procedure's proxy password. */
export const NETWORK_PROXY_PASSWORD_ACCOUNT = `network.${NETWORK_SECRET_KEY}`;
