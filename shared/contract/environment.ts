import { z } from 'zod';
import { environments, type Environment } from '../settings/environment';
import { method } from './define';

// Both sides name the environment through the contract; settings owns the values.
export { environments, type Environment };

/** Each environment's name on screen, in the Test log and in a support bundle. */
export const environmentLabels: Record<Environment, string> = {
  demo: 'Demo tenant',
  microsoft365: 'Microsoft 365',
};

export const DEMO_BADGE = 'Demo tenant: no mail leaves this computer';
export const MICROSOFT365_BADGE = 'Microsoft 365: test messages are really sent';

/** What the UI needs to show the environment, and in Demo to prefill the test dialog. */
export const environmentViewSchema = z.object({
  environment: z.enum(environments),
  /** The badge shown on every screen. */
  badge: z.string(),
  /** Only in Demo: the simulated tenant's names. Never a password or a secret. */
  demo: z
    .object({
      tenantId: z.string(),
      domain: z.string(),
      /** Prefill for the test dialog's Sender and User name (Exchange). */
      sender: z.string(),
      /** Prefill for the test dialog's Recipient. */
      recipient: z.string(),
      /** Every mailbox of the demo tenant, for a pick list. */
      mailboxes: z.array(z.string()),
    })
    .optional(),
});
export type EnvironmentView = z.infer<typeof environmentViewSchema>;

/**
 * The demo tenant's values still saved (its ids, its users' addresses, its passwords and client
 * secrets), by procedure, as the confirmation names them. Never a value itself.
 */
export const demoValuesSchema = z.object({
  system: z.array(z.string()),
  incoming: z.array(z.string()),
});
export type DemoValues = z.infer<typeof demoValuesSchema>;

export const environmentMethods = {
  'environment.get': method(z.object({}), environmentViewSchema),
  'environment.set': method(z.object({ environment: z.enum(environments) }), environmentViewSchema),
  'environment.demoValues': method(z.object({}), demoValuesSchema),
  /** Clears every demo value (settings and keychain) and switches to Microsoft 365, all or nothing. */
  'environment.clearDemoValues': method(
    z.object({}),
    z.object({ view: environmentViewSchema, cleared: demoValuesSchema }),
  ),
};
