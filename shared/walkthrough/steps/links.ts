import type { ExternalLink } from './types';

/** Pages the guide cites, by what they are for. */
export const links = {
  portal: { label: 'Azure Portal', href: 'https://portal.azure.com' },
  entra: { label: 'Microsoft Entra admin center', href: 'https://entra.microsoft.com' },
  delegated: {
    label: 'Microsoft: Configure for delegated authentication',
    href: 'https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/how-to-authenticate-an-ews-application-by-using-oauth#configure-for-delegated-authentication',
  },
  appOnly: {
    label: 'Microsoft: Configure for app-only authentication',
    href: 'https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/how-to-authenticate-an-ews-application-by-using-oauth#configure-for-app-only-authentication',
  },
  replyUrl: {
    label: 'Microsoft: Redirect URI (reply URL) restrictions',
    href: 'https://learn.microsoft.com/en-us/azure/active-directory/develop/reply-url',
  },
  accessPolicy: {
    label: 'Microsoft: New-ApplicationAccessPolicy (limit the app to some mailboxes)',
    href: 'https://learn.microsoft.com/en-us/powershell/module/exchange/new-applicationaccesspolicy?view=exchange-ps',
  },
  ports: {
    label: 'Microsoft: Office 365 URLs and IP address ranges',
    href: 'https://learn.microsoft.com/en-us/microsoft-365/enterprise/urls-and-ip-address-ranges?view=o365-worldwide',
  },
  ropc: {
    label: 'Microsoft: Resource owner password credentials (not recommended)',
    href: 'https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth-ropc',
  },
  ewsRetirement: {
    label: 'Microsoft: Deprecation of EWS in Exchange Online',
    href: 'https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/deprecation-of-ews-exchange-online',
  },
} satisfies Record<string, ExternalLink>;

/** Links the notes above the checklist cite. */
export const noteLinks = { ropc: links.ropc, ewsRetirement: links.ewsRetirement };
