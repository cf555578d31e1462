/**
 * The demo tenant's on/off state that support changes during a demo (SCREENS.md §6), with the
 * labels the Demo tenant procedure shows. The names are the demo tenant's own field names.
 */

export interface SwitchSpec {
  label: string;
  /** Also "not set" (PowerShell's $null), which Exchange Online reads by its own default. */
  triState?: boolean;
}

export const appSwitches = {
  adminConsentGranted: { label: 'Admin consent granted' },
  allowPublicClientFlows: { label: 'Allow public client flows' },
} as const satisfies Record<string, SwitchSpec>;

export const userSwitches = {
  mfaRequired: { label: 'MFA required' },
  mfaRegistered: { label: 'MFA method registered' },
  disabled: { label: 'Disabled' },
  locked: { label: 'Locked' },
  passwordExpired: { label: 'Password expired' },
  blockedByConditionalAccess: { label: 'Blocked by Conditional Access' },
} as const satisfies Record<string, SwitchSpec>;

export const organizationSwitches = {
  ewsEnabled: { label: 'EwsEnabled (organisation)', triState: true },
  smtpAuthEnabled: { label: 'SMTP AUTH (organisation)' },
  smtpBasicAuthEnabled: { label: 'Basic auth for SMTP AUTH' },
  onPremBasicAuthEnabled: { label: 'On-premises Exchange takes Basic auth' },
} as const satisfies Record<string, SwitchSpec>;

export const mailboxSwitches = {
  ewsEnabled: { label: 'EwsEnabled', triState: true },
  smtpAuthEnabled: { label: 'SMTP AUTH', triState: true },
  /** Over its quota: mail to it bounces with 5.2.2 (FLOWS.md §11). */
  quotaExceeded: { label: 'Mailbox full' },
  /** Restricted by outbound spam protection: mail from it bounces with 5.1.8. */
  outboundSpamBlocked: { label: 'Blocked as outbound spam' },
} as const satisfies Record<string, SwitchSpec>;

const keys = <T extends object>(o: T) =>
  Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

export const appSwitchNames = keys(appSwitches);
export const userSwitchNames = keys(userSwitches);
export const organizationSwitchNames = keys(organizationSwitches);
export const mailboxSwitchNames = keys(mailboxSwitches);
export type AppSwitch = keyof typeof appSwitches;
export type UserSwitch = keyof typeof userSwitches;
export type OrganizationSwitch = keyof typeof organizationSwitches;
export type MailboxSwitch = keyof typeof mailboxSwitches;

/** The Faults section's switch: one request per mailbox every 3 s, so throttling shows live. */
export const LOWER_LIMITS_LABEL = 'Lower Microsoft\u2019s limits (show throttling)';

/** The demo tenant's endpoints a fault can be injected into. */
export const demoEndpoints = [
  'openid-configuration',
  'jwks',
  'token',
  'ews',
  'graph',
  'autodiscover',
  /** SMTP submission: counted per connection; a fault applies to each reply it delays. */
  'smtp',
] as const;
export type DemoEndpoint = (typeof demoEndpoints)[number];

export const endpointLabels: Record<DemoEndpoint, string> = {
  'openid-configuration': 'OpenID configuration',
  jwks: 'Signing keys',
  token: 'Token endpoint',
  ews: 'EWS',
  graph: 'Microsoft Graph',
  autodiscover: 'Autodiscover',
  smtp: 'SMTP submission',
};

/** What an endpoint answers instead of serving the request. */
export const faultAnswers = {
  normal: 'Normal answers',
  '429': '429 Too Many Requests',
  '503': '503 Service Unavailable',
  reset: 'Drop the connection',
} as const;
export type FaultAnswer = keyof typeof faultAnswers;
export const faultAnswerNames = Object.keys(faultAnswers) as [FaultAnswer, ...FaultAnswer[]];

export const mailboxRights = { fullAccess: 'Full Access', sendAs: 'Send As' } as const;
export type MailboxRight = keyof typeof mailboxRights;
