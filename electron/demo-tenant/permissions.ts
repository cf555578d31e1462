/**
 * Well-known ids of the resources and permissions the guide's manifests name (FLOWS.md §1). The
 * Graph ids are those of Microsoft's Graph permissions reference.
 */
export const EXCHANGE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const EWS_ACCESS_AS_USER_ALL_ID = '3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5';
export const FULL_ACCESS_AS_APP_ID = 'dc890d15-9560-4a4c-9b7f-a736ec74ec40';
/** SMTP.Send as Microsoft's permissions reference lists it; its tokens name Exchange Online. */
export const SMTP_SEND_ID = '258f6531-6087-4cc4-bb90-092c5fb3ed3f';
/**
 * SMTP.SendAsApp: the demo's own id. Microsoft's was not at hand to verify; scripts resolve the
 * role by its value on Exchange Online's service principal, and so does everything here.
 */
export const SMTP_SEND_AS_APP_ID = '5e0c6c5a-7d0b-4c53-9f3e-d1f2a3b4c5d6';
export const GRAPH_MAIL_SEND_DELEGATED_ID = 'e383f46e-2787-4529-855e-0e479a3ffac0';
export const GRAPH_MAIL_SEND_APP_ID = 'b633e1c5-b582-4048-a93e-9f11b44c7e96';
export const GRAPH_MAIL_READ_DELEGATED_ID = '570282fd-fa5c-430d-a7fd-fc8dc98a9dca';
export const GRAPH_MAIL_READ_APP_ID = '810c84a8-4a9e-49e6-bf7d-12d183f40d01';
export const GRAPH_MAIL_READBASIC_DELEGATED_ID = 'a4b8392a-d8d1-4954-a029-8e668a39a170';
export const GRAPH_MAIL_READBASIC_APP_ID = '6be147d2-ea4f-4b5a-a3fa-3eab6f3c140a';
/** What a new app registration gets by default. */
export const GRAPH_USER_READ_ID = 'e1fe6dd8-ba31-4d61-89e7-88639da4683d';
export const NATIVE_CLIENT_REDIRECT_URI =
  'https://login.microsoftonline.com/common/oauth2/nativeclient';

export interface ResourcePermission {
  id: string;
  value: string;
  type: 'Scope' | 'Role';
}

export interface Resource {
  appId: string;
  displayName: string;
  /** Identifier URIs a scope may name the resource by; the first is the token audience default. */
  identifierUris: string[];
  permissions: ResourcePermission[];
}

export const RESOURCES: readonly Resource[] = [
  {
    appId: EXCHANGE_APP_ID,
    displayName: 'Office 365 Exchange Online',
    identifierUris: [
      'https://outlook.office365.com',
      'https://outlook.office.com',
      'https://ps.outlook.com',
    ],
    permissions: [
      { id: EWS_ACCESS_AS_USER_ALL_ID, value: 'EWS.AccessAsUser.All', type: 'Scope' },
      { id: FULL_ACCESS_AS_APP_ID, value: 'full_access_as_app', type: 'Role' },
      { id: SMTP_SEND_ID, value: 'SMTP.Send', type: 'Scope' },
      { id: SMTP_SEND_AS_APP_ID, value: 'SMTP.SendAsApp', type: 'Role' },
    ],
  },
  {
    appId: GRAPH_APP_ID,
    displayName: 'Microsoft Graph',
    identifierUris: ['https://graph.microsoft.com'],
    permissions: [
      { id: GRAPH_USER_READ_ID, value: 'User.Read', type: 'Scope' },
      { id: GRAPH_MAIL_SEND_DELEGATED_ID, value: 'Mail.Send', type: 'Scope' },
      { id: GRAPH_MAIL_SEND_APP_ID, value: 'Mail.Send', type: 'Role' },
      { id: GRAPH_MAIL_READ_DELEGATED_ID, value: 'Mail.Read', type: 'Scope' },
      { id: GRAPH_MAIL_READ_APP_ID, value: 'Mail.Read', type: 'Role' },
      { id: GRAPH_MAIL_READBASIC_DELEGATED_ID, value: 'Mail.ReadBasic', type: 'Scope' },
      { id: GRAPH_MAIL_READBASIC_APP_ID, value: 'Mail.ReadBasic', type: 'Role' },
    ],
  },
];

/** Finds the resource a scope's prefix names, by identifier URI or app id. */
export function resourceByIdentifier(identifier: string): Resource | undefined {
  const wanted = identifier.replace(/\/+$/, '').toLowerCase();
  return RESOURCES.find(
    (r) => r.appId === wanted || r.identifierUris.some((uri) => uri.toLowerCase() === wanted),
  );
}

export function isExchangeAudience(aud: string): boolean {
  return resourceByIdentifier(aud)?.appId === EXCHANGE_APP_ID;
}

export function isGraphAudience(aud: string): boolean {
  return resourceByIdentifier(aud)?.appId === GRAPH_APP_ID;
}
