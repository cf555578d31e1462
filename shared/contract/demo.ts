import { z } from 'zod';
import { method } from './define';
import {
  appSwitchNames,
  demoEndpoints,
  faultAnswerNames,
  mailboxSwitchNames,
  organizationSwitchNames,
  userSwitchNames,
} from '../demo/switches';
import { authFlows, values } from '../settings/system-settings';
import { walkthroughSectionIds } from '../guide/sections';

const flags = <K extends string, V extends z.ZodType<boolean | null>>(
  names: readonly K[],
  value: V,
) => z.object(Object.fromEntries(names.map((n) => [n, value])) as Record<K, V>);

const permissionViewSchema = z.object({
  resourceAppId: z.string(),
  /** The API's name as the portal lists it, e.g. "Office 365 Exchange Online". */
  resource: z.string(),
  id: z.string(),
  value: z.string(),
  type: z.enum(['Scope', 'Role']),
  /** Listed in the manifest's requiredResourceAccess. */
  requested: z.boolean(),
});

/** A secret as the portal lists it after creation: never its value. */
const secretViewSchema = z.object({
  keyId: z.string(),
  displayName: z.string(),
  hint: z.string(),
  expiresAt: z.string(),
  expired: z.boolean(),
});

const appViewSchema = z.object({
  clientId: z.string(),
  displayName: z.string(),
  switches: flags(appSwitchNames, z.boolean()),
  /** Listed in the organisation's EwsAllowedAppIDs. */
  ewsAllowListed: z.boolean(),
  permissions: z.array(permissionViewSchema),
  secrets: z.array(secretViewSchema),
  /** Seconds until a permission or consent change reaches Exchange Online (0 = done). */
  propagatingSeconds: z.number().nonnegative(),
});

const userViewSchema = z.object({
  userPrincipalName: z.string(),
  displayName: z.string(),
  switches: flags(userSwitchNames, z.boolean()),
});

const messageViewSchema = z.object({
  subject: z.string(),
  from: z.string(),
  receivedAt: z.string(),
});

const mailboxViewSchema = z.object({
  address: z.string(),
  displayName: z.string(),
  kind: z.enum(['user', 'shared']),
  fullAccess: z.array(z.string()),
  sendAs: z.array(z.string()),
  switches: flags(mailboxSwitchNames, z.boolean().nullable()),
  /** How many messages the Inbox holds, and the newest few. */
  inboxCount: z.number().int().nonnegative(),
  recent: z.array(messageViewSchema),
});

const faultViewSchema = z.object({
  endpoint: z.enum(demoEndpoints),
  answer: z.enum(faultAnswerNames),
  latencyMs: z.number().int().nonnegative(),
});

/** The demo tenant's state as the Demo tenant procedure shows it. Never a password or a secret. */
export const demoTenantViewSchema = z.object({
  organization: z.object({
    displayName: z.string(),
    tenantId: z.string(),
    domain: z.string(),
    switches: flags(organizationSwitchNames, z.boolean().nullable()),
    ewsAllowedAppIds: z.array(z.string()),
  }),
  apps: z.array(appViewSchema),
  users: z.array(userViewSchema),
  mailboxes: z.array(mailboxViewSchema),
  propagationDelaySeconds: z.number().nonnegative(),
  faults: z.array(faultViewSchema),
  /** Microsoft's limits lowered to show throttling live (LOWER_LIMITS_LABEL). */
  limitsLowered: z.boolean(),
});
export type DemoTenantView = z.infer<typeof demoTenantViewSchema>;
export type DemoAppView = z.infer<typeof appViewSchema>;
export type DemoUserView = z.infer<typeof userViewSchema>;
export type DemoMailboxView = z.infer<typeof mailboxViewSchema>;

const viewOutput = demoTenantViewSchema;

export const setSwitchInputSchema = z.discriminatedUnion('target', [
  z.object({
    target: z.literal('organization'),
    name: z.enum(organizationSwitchNames),
    value: z.boolean().nullable(),
  }),
  z.object({
    target: z.literal('app'),
    id: z.string().min(1),
    name: z.enum([...appSwitchNames, 'ewsAllowListed']),
    value: z.boolean(),
  }),
  z.object({
    target: z.literal('user'),
    id: z.string().min(1),
    name: z.enum(userSwitchNames),
    value: z.boolean(),
  }),
  z.object({
    target: z.literal('mailbox'),
    id: z.string().min(1),
    name: z.enum(mailboxSwitchNames),
    value: z.boolean().nullable(),
  }),
]);
export type SetSwitchInput = z.infer<typeof setSwitchInputSchema>;

const stepInput = z.object({
  flow: z.enum(values(authFlows)),
  section: z.enum(walkthroughSectionIds),
  step: z.number().int().positive(),
  /**
   * Row 21 as it is now, sent only when row 23 is this flow: the app the step is broken on when
   * the demo tenant has it. Without it, the demo's own app of the flow.
   */
  clientId: z.string().optional(),
});
const stepOutput = z.object({ view: demoTenantViewSchema, message: z.string() });

/**
 * Support's portal to the demo tenant (SCREENS.md §6). Every method is refused with `demo-only`
 * outside the Demo environment.
 */
export const demoMethods = {
  'demo.get': method(z.object({}), viewOutput),
  'demo.setSwitch': method(setSwitchInputSchema, viewOutput),
  'demo.setPermission': method(
    z.object({
      clientId: z.string().min(1),
      resourceAppId: z.string().min(1),
      permissionId: z.string().min(1),
      requested: z.boolean(),
    }),
    viewOutput,
  ),
  /** The new secret's value is answered once, as the portal shows it once. */
  'demo.addSecret': method(
    z.object({
      clientId: z.string().min(1),
      displayName: z.string().max(100).optional(),
      expiresInDays: z.number().int().min(-3650).max(3650).optional(),
    }),
    z.object({
      view: demoTenantViewSchema,
      secret: z.object({ keyId: z.string(), value: z.string(), expiresAt: z.string() }),
    }),
  ),
  'demo.removeSecret': method(
    z.object({ clientId: z.string().min(1), keyId: z.string().min(1) }),
    viewOutput,
  ),
  'demo.setSecretExpiry': method(
    z.object({
      clientId: z.string().min(1),
      keyId: z.string().min(1),
      expiresAt: z.iso.datetime({ offset: true }).or(z.iso.date()),
    }),
    viewOutput,
  ),
  'demo.setMailboxRight': method(
    z.object({
      address: z.string().min(1),
      user: z.string().min(1),
      right: z.enum(['fullAccess', 'sendAs']),
      granted: z.boolean(),
    }),
    viewOutput,
  ),
  'demo.setFault': method(
    z.object({
      endpoint: z.enum(demoEndpoints),
      answer: z.enum(faultAnswerNames),
      latencyMs: z.number().int().min(0).max(120_000),
    }),
    viewOutput,
  ),
  'demo.setPropagationDelay': method(
    z.object({ seconds: z.number().int().min(0).max(86_400) }),
    viewOutput,
  ),
  'demo.lowerLimits': method(z.object({ on: z.boolean() }), viewOutput),
  'demo.breakStep': method(stepInput, stepOutput),
  'demo.fixStep': method(stepInput, stepOutput),
  'demo.reset': method(z.object({}), viewOutput),
};
export type DemoMethodName = keyof typeof demoMethods;
