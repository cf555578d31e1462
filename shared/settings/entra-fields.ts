/** The Entra ID rows both procedures have: Application (client) ID, Directory (tenant) ID, Client secret. */
import { willBeSet, type SecretChange } from './secrets';
import { guidIn, isGuid, isTenant } from './validators';

export type EntraFieldKey = 'clientId' | 'tenantId' | 'clientSecret';

export interface EntraFields {
  clientId: string;
  tenantId: string;
  /** Only the Client secret flow needs the secret. */
  usesClientSecret: boolean;
  /** A secret is stored or being typed, and not being cleared. */
  clientSecretWillBeSet: boolean;
  /** The client secret being typed now, if any: checked for the classic mix-up with its ID. */
  clientSecretTyped?: string;
}

/** In a portal link: the app's ID follows `appId/` or `appId=`, the tenant's `tenantId` or `/tenant/`. */
const CLIENT_ID_IN_LINK = /appId[/=~]+/;
const TENANT_ID_IN_LINK = /(?:tenantId[/=~]+|\/tenant\/)/;

/** The IDs as admins paste them: {GUID}, or a link from the Azure Portal with the GUID in it. */
export const readEntraIds = (fields: Pick<EntraFields, 'clientId' | 'tenantId'>) => ({
  clientId: guidIn(fields.clientId, CLIENT_ID_IN_LINK) ?? fields.clientId.trim(),
  tenantId: guidIn(fields.tenantId, TENANT_ID_IN_LINK) ?? fields.tenantId.trim(),
});

/** What `checkEntraFields` needs from either procedure's form and its client secret. */
export const entraFieldsOf = (
  form: { clientId: string; tenantId: string; authFlow: string },
  clientSecretStored: boolean,
  clientSecretChange: SecretChange | undefined,
): EntraFields => ({
  clientId: form.clientId,
  tenantId: form.tenantId,
  usesClientSecret: form.authFlow === 'client-secret',
  clientSecretWillBeSet: willBeSet(clientSecretStored, clientSecretChange),
  clientSecretTyped: clientSecretChange?.action === 'set' ? clientSecretChange.value : undefined,
});

const PASTE_FROM_OVERVIEW = 'copy it from the app registration’s Overview in Entra ID';
const TENANT_HOW =
  'copy it from the app registration’s Overview, or enter a verified domain such as contoso.onmicrosoft.com';
const CLIENT_SECRET_MISSING =
  'Client secret is missing: paste the secret’s Value from Certificates & secrets, or choose User name/Password in Authentication flow';

const SECRET_ID_MESSAGE =
  'This is the secret’s ID, not its Value: copy the Value column under Certificates & secrets (it is shown only once)';

/**
 * Checks the Entra ID rows in the guide's words, skipping the ones the procedure has disabled;
 * answers the trimmed ids.
 */
export function checkEntraFields(
  fields: EntraFields,
  enabled: (key: EntraFieldKey) => boolean,
  fail: (field: EntraFieldKey, message: string) => void,
): { clientId: string; tenantId: string } {
  const { clientId, tenantId } = readEntraIds(fields);
  if (enabled('clientId')) {
    if (clientId === '')
      fail('clientId', `Application (client) ID is missing: ${PASTE_FROM_OVERVIEW}`);
    else if (!isGuid(clientId))
      fail('clientId', `Application (client) ID is not a valid GUID: ${PASTE_FROM_OVERVIEW}`);
  }
  if (enabled('tenantId')) {
    if (tenantId === '') fail('tenantId', `Directory (tenant) ID is missing: ${TENANT_HOW}`);
    else if (!isTenant(tenantId))
      fail('tenantId', `Directory (tenant) ID is not a valid GUID or domain: ${TENANT_HOW}`);
  }
  if (enabled('clientSecret') && fields.usesClientSecret) {
    if (!fields.clientSecretWillBeSet) fail('clientSecret', CLIENT_SECRET_MISSING);
    else if (fields.clientSecretTyped !== undefined && isGuid(fields.clientSecretTyped.trim()))
      fail('clientSecret', SECRET_ID_MESSAGE);
  }
  return { clientId, tenantId };
}
