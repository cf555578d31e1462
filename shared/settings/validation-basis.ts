import { z } from 'zod';
import { environments, type Environment } from './environment';
import { readEntraIds } from './entra-fields';
import { authFlows, values } from './system-settings';
import type { IncomingSettingsForm } from './incoming-settings';
import { parseWholeNumber } from './validators';

/** A validation made with a secret typed but not saved yet. */
export const UNSAVED_SECRET = 'unsaved';
/** A validation made with a typed secret that was then changed again before any save. */
export const REPLACED_SECRET = 'replaced';

/**
 * What a row's validation depended on besides the row's own e-mail, user name and password
 * (SCREENS.md §3, Val.): once any of it differs from now, Val. shows "out of date", not a check.
 * `secret` names the version of the stored secret the run read (a digest of its keychain entry's
 * name, which every save of that secret changes), never the secret.
 */
export const validationBasisSchema = z.object({
  environment: z.enum(environments),
  server: z.object({
    service: z.string().max(32),
    serverName: z.string().max(253),
    port: z.string().max(32),
    clientId: z.string().max(64),
    tenantId: z.string().max(253),
  }),
  /** Exchange Online only: its sign-in flow. */
  flow: z.enum(values(authFlows)).optional(),
  secret: z.string().max(64),
});
export type ValidationBasis = z.infer<typeof validationBasisSchema>;

type ServerFields = Pick<
  IncomingSettingsForm,
  'service' | 'serverName' | 'port' | 'clientId' | 'tenantId' | 'authFlow'
>;

/** Whether a row's validation signs in with the Client secret rather than the row's password. */
export const usesClientSecret = (form: Pick<ServerFields, 'service' | 'authFlow'>): boolean =>
  form.service === 'exchange-online' && form.authFlow === 'client-secret';

/** The stored versions of the secrets a validation may read (from incomingSettings.load). */
export const secretVersionsSchema = z.object({
  clientSecret: z.string().max(64).optional(),
  /** Keyed by account id; only the passwords that are stored. */
  passwords: z.record(z.string(), z.string().max(64)),
});
export type SecretVersions = z.infer<typeof secretVersionsSchema>;

/**
 * The basis of a validation made now. Values are compared as a save stores them (a pasted
 * {GUID} or portal link is its GUID, a port its number; spaces and the case of host names and
 * IDs make no difference); the Entra ID fields and the flow count only for Exchange Online, the
 * one service that uses them. Validate through is not part of it: SCREENS.md §3 names the server
 * settings, the flow, a stored secret and the environment.
 */
export function basisOf(
  form: ServerFields,
  environment: Environment,
  secret: string,
): ValidationBasis {
  const online = form.service === 'exchange-online';
  const ids = readEntraIds(form);
  const entra = (value: string) => (online ? value.toLowerCase() : '');
  const port = parseWholeNumber(form.port);
  return {
    environment,
    server: {
      service: form.service,
      serverName: form.serverName.trim().toLowerCase(),
      port: port === undefined ? form.port.trim() : String(port),
      clientId: entra(ids.clientId),
      tenantId: entra(ids.tenantId),
    },
    ...(online ? { flow: form.authFlow } : {}),
    secret,
  };
}

const sameServer = (a: ValidationBasis['server'], b: ValidationBasis['server']) =>
  (Object.keys(a) as (keyof ValidationBasis['server'])[]).every((key) => a[key] === b[key]);

/**
 * Why a validation made on `recorded` is out of date now (`current`), in the words Val. shows
 * after "out of date: "; undefined while it still holds. A result saved before validations
 * recorded their basis has none, and keeps showing as it did.
 */
export function staleReason(
  recorded: ValidationBasis | undefined,
  current: ValidationBasis,
): string | undefined {
  if (!recorded) return undefined;
  if (recorded.environment !== current.environment) return 'the environment changed';
  if (!sameServer(recorded.server, current.server)) return 'the server settings changed';
  if (recorded.flow !== current.flow) return 'the flow changed';
  if (recorded.secret !== current.secret)
    return current.flow === 'client-secret'
      ? 'the Client secret changed'
      : 'the stored password changed';
  return undefined;
}
