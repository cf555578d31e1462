/** The Entra ID rows both procedures have: Application (client) ID, Directory (tenant) ID, Client secret. */
import { isGuid, isTenant } from './validators';

export type EntraFieldKey = 'clientId' | 'tenantId' | 'clientSecret';

export interface EntraFields {
  clientId: string;
  tenantId: string;
  /** Only the Client secret flow needs the secret. */
  usesClientSecret: boolean;
  /** A secret is stored or being typed, and not being cleared. */
  clientSecretWillBeSet: boolean;
}

/**
 * Checks the Entra ID rows in the guide's words, skipping the ones the procedure has disabled;
 * answers the trimmed ids.
 */
export function checkEntraFields(
  fields: EntraFields,
  enabled: (key: EntraFieldKey) => boolean,
  fail: (field: EntraFieldKey, message: string) => void,
): { clientId: string; tenantId: string } {
  const clientId = fields.clientId.trim();
  const tenantId = fields.tenantId.trim();
  if (enabled('clientId')) {
    if (clientId === '') fail('clientId', 'Application (client) ID is missing');
    else if (!isGuid(clientId)) fail('clientId', 'Application (client) ID is not a valid GUID');
  }
  if (enabled('tenantId')) {
    if (tenantId === '') fail('tenantId', 'Directory (tenant) ID is missing');
    else if (!isTenant(tenantId))
      fail('tenantId', 'Directory (tenant) ID is not a valid GUID or domain');
  }
  if (enabled('clientSecret') && fields.usesClientSecret && !fields.clientSecretWillBeSet)
    fail('clientSecret', 'Client secret is missing');
  return { clientId, tenantId };
}
