import type { AuthFlow } from '../../settings/system-settings';

/** Office 365 Exchange Online, and the two permissions the guide's manifests add (FLOWS.md §1). */
export const EXCHANGE_ONLINE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';
export const EWS_ACCESS_AS_USER_ALL_ID = '3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5';
export const FULL_ACCESS_AS_APP_ID = 'dc890d15-9560-4a4c-9b7f-a736ec74ec40';
export const NATIVE_CLIENT_REDIRECT_URI =
  'https://login.microsoftonline.com/common/oauth2/nativeclient';
export const DELEGATED_SCOPE = 'https://outlook.office365.com/EWS.AccessAsUser.All';
export const APP_ONLY_SCOPE = 'https://outlook.office365.com/.default';
export const EXCHANGE_ONLINE_HOST = 'outlook.office365.com';

/** The entry the manifest's `requiredResourceAccess` array needs for the flow, as pretty JSON. */
export function manifestEntry(flow: AuthFlow): string {
  const permission =
    flow === 'password'
      ? { id: EWS_ACCESS_AS_USER_ALL_ID, type: 'Scope' }
      : { id: FULL_ACCESS_AS_APP_ID, type: 'Role' };
  return JSON.stringify(
    { resourceAppId: EXCHANGE_ONLINE_APP_ID, resourceAccess: [permission] },
    null,
    2,
  );
}
