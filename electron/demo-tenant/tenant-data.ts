import type { ResourcePermission } from './permissions';
import type { FolderName, StoredMessage } from './messages';

/** What the demo tenant holds: its directory, app registrations and mailboxes, as types. */

export interface RequiredResourceAccess {
  resourceAppId: string;
  resourceAccess: { id: string; type: ResourcePermission['type'] }[];
}

export interface ClientSecret {
  keyId: string;
  displayName: string;
  value: string;
  /** The first three characters, as the portal shows them after the value is hidden. */
  hint: string;
  expiresAt: string;
}

export interface AppRegistration {
  clientId: string;
  objectId: string;
  displayName: string;
  requiredResourceAccess: RequiredResourceAccess[];
  adminConsentGranted: boolean;
  allowPublicClientFlows: boolean;
  publicClientRedirectUris: string[];
  secrets: ClientSecret[];
  /**
   * Mailboxes an app-only token may impersonate (an application access policy);
   * null = every mailbox, as full_access_as_app grants.
   */
  impersonationScope: string[] | null;
  /** Until this time (ms) EWS answers 403: consent or permissions changed and have not propagated. */
  propagatedAt: number;
}

export interface DemoUser {
  objectId: string;
  userPrincipalName: string;
  displayName: string;
  password: string;
  mfaRequired: boolean;
  /** Without a registered method, required MFA asks the user to enrol (50079) instead of to verify (50076). */
  mfaRegistered: boolean;
  disabled: boolean;
  locked: boolean;
  passwordExpired: boolean;
  blockedByConditionalAccess: boolean;
  /** Holds the ApplicationImpersonation role, so a delegated token may impersonate others. */
  canImpersonate: boolean;
}

export interface Mailbox {
  address: string;
  displayName: string;
  kind: 'user' | 'shared';
  /** Users (UPN) with Full Access; a user always has it on their own mailbox. */
  fullAccess: string[];
  /** Users (UPN) with Send As. */
  sendAs: string[];
  /** Set-CASMailbox -EwsEnabled; unset (Null) follows the organisation. False blocks EWS for this mailbox. */
  ewsEnabled?: boolean | null;
  /** Set-CASMailbox -SmtpClientAuthenticationDisabled, inverted; unset (Null) follows the organisation. */
  smtpAuthEnabled?: boolean | null;
  /** Over its quota (a demo switch): messages to it bounce with 5.2.2. */
  quotaExceeded?: boolean;
  /** Restricted by outbound spam protection (a demo switch): its messages bounce with 5.1.8. */
  outboundSpamBlocked?: boolean;
  folders: Record<FolderName, StoredMessage[]>;
}

export interface Organization {
  tenantId: string;
  displayName: string;
  verifiedDomains: string[];
  /**
   * Set-OrganizationConfig -EwsEnabled. Null = never set: until 2026-10-01 Exchange Online read it as
   * True, since then as False (the default of every tenant that did not opt in). Setting it back to
   * null is the one switch from this opted-in seed to that default.
   */
  ewsEnabled: boolean | null;
  /**
   * Set-OrganizationConfig -EwsAllowedAppIDs (one comma-separated string in PowerShell). When it
   * lists any id, only those apps may use EWS; empty = no Application ID restriction.
   */
  ewsAllowedAppIds: string[];
  /** Set-TransportConfig -SmtpClientAuthenticationDisabled, inverted: SMTP AUTH for the organisation. */
  smtpAuthEnabled: boolean;
  /**
   * Basic auth (a password) for SMTP AUTH. Microsoft turns it off by default for existing tenants
   * at the end of December 2026; off, AUTH PLAIN/LOGIN get 550 5.7.30 and only XOAUTH2 works.
   */
  smtpBasicAuthEnabled: boolean;
  /** The on-premises Exchange's IIS offers Basic; off, it offers Windows authentication only. */
  onPremBasicAuthEnabled: boolean;
}

export interface TenantData {
  organization: Organization;
  apps: AppRegistration[];
  users: DemoUser[];
  mailboxes: Mailbox[];
}

export type OrganizationPatch = Partial<
  Pick<
    Organization,
    | 'displayName'
    | 'ewsEnabled'
    | 'ewsAllowedAppIds'
    | 'smtpAuthEnabled'
    | 'smtpBasicAuthEnabled'
    | 'onPremBasicAuthEnabled'
  >
>;
export type AppPatch = Partial<
  Pick<
    AppRegistration,
    | 'displayName'
    | 'requiredResourceAccess'
    | 'adminConsentGranted'
    | 'allowPublicClientFlows'
    | 'publicClientRedirectUris'
    | 'impersonationScope'
  >
>;
export type UserPatch = Partial<Omit<DemoUser, 'objectId' | 'userPrincipalName'>>;
export type MailboxPatch = Partial<
  Pick<
    Mailbox,
    | 'displayName'
    | 'fullAccess'
    | 'sendAs'
    | 'ewsEnabled'
    | 'smtpAuthEnabled'
    | 'quotaExceeded'
    | 'outboundSpamBlocked'
  >
>;

/** Why Exchange Online refuses EWS: the two X-EWS-Policy-Reason cases. */
export type EwsPolicyBlock = 'disabled' | 'blocked';
