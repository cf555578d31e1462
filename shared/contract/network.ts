import { z } from 'zod';
import { method } from './define';
import { fieldErrorSchema } from '../settings/field-error';
import { secretChangeSchema } from '../settings/secrets';
import { networkSettingsSchema } from '../settings/network';

export const networkViewSchema = z.object({
  settings: networkSettingsSchema,
  /** Only whether a proxy password is stored; the password never crosses. */
  passwordSet: z.boolean(),
  /** Where the setting in force comes from, e.g. "HTTPS_PROXY: http://proxy.corp:8080". */
  source: z.string(),
  /** The trust store every Microsoft 365 connection uses, in words. */
  trustStore: z.string(),
  notices: z.array(z.string()),
});
export type NetworkView = z.infer<typeof networkViewSchema>;

/** The services Check connections tries, in the table's order. */
export const connectionServices = [
  'sign-in',
  'ews',
  'graph',
  'smtp',
  'imap',
  'ews-on-premises',
] as const;
export type ConnectionService = (typeof connectionServices)[number];

export const connectionRowSchema = z.object({
  service: z.enum(connectionServices),
  /** `host:port` as the settings name it. */
  host: z.string(),
  /** "direct", or "via proxy.corp:8080 (from HTTPS_PROXY)". */
  route: z.string(),
  /** The certificate the connection met; absent when it never got that far. */
  tls: z
    .object({
      issuer: z.string(),
      trusted: z.boolean(),
      /** The private root a TLS-inspecting proxy signs with, when the chain ends in one. */
      inspectedBy: z.string().optional(),
    })
    .optional(),
  ok: z.boolean(),
  /** "OK", or the diagnosis's meaning. */
  result: z.string(),
  fix: z.string().optional(),
  /** The diagnosis table entry behind the result, for its link to the walkthrough. */
  diagnosisId: z.string().optional(),
});
export type ConnectionRow = z.infer<typeof connectionRowSchema>;

export const networkMethods = {
  'network.load': method(z.object({}), networkViewSchema),
  'network.save': method(
    z.object({ form: networkSettingsSchema, password: secretChangeSchema.optional() }),
    z.discriminatedUnion('status', [
      z.object({ status: z.literal('saved'), view: networkViewSchema }),
      z.object({ status: z.literal('invalid'), errors: z.array(fieldErrorSchema) }),
    ]),
  ),
  /** Tries each host the saved settings use, without sending mail. */
  'network.checkConnections': method(
    z.object({}),
    z.object({ rows: z.array(connectionRowSchema) }),
  ),
};
