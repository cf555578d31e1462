import { z } from 'zod';
import { method } from './define';
import { failureFactsSchema } from '../diagnosis/failure';
import { mailApis } from '../settings/check-dialog';
import { fieldErrorSchema } from '../settings/field-error';
import { values } from '../settings/system-settings';
import {
  MAX_ACCOUNTS,
  incomingSecretChangesSchema,
  incomingSecretPresenceSchema,
  incomingSettingsFormSchema,
  incomingSettingsSchema,
} from '../settings/incoming-settings';
import { secretVersionsSchema } from '../settings/validation-basis';

export const incomingSettingsViewSchema = z.object({
  settings: incomingSettingsSchema,
  /** Only whether each secret is stored; the secret itself never crosses. */
  secretsSet: incomingSecretPresenceSchema,
  /** Which version of each stored secret is there, so Val. can tell a result made with another. */
  secretVersions: secretVersionsSchema,
  /** Why the secrets' state could not be read (an unavailable keychain), to show on the screen. */
  notices: z.array(z.string()),
});
export type IncomingSettingsView = z.infer<typeof incomingSettingsViewSchema>;

export const incomingSettingsSaveSchema = z.object({
  form: incomingSettingsFormSchema,
  secrets: incomingSecretChangesSchema,
});

export const incomingSettingsMethods = {
  'incomingSettings.load': method(z.object({}), incomingSettingsViewSchema),
  'incomingSettings.save': method(
    incomingSettingsSaveSchema,
    z.discriminatedUnion('status', [
      z.object({ status: z.literal('saved'), view: incomingSettingsViewSchema }),
      z.object({ status: z.literal('invalid'), errors: z.array(fieldErrorSchema) }),
    ]),
  ),
};

/** Shown where the Validate icon would be, and answered by incoming.validate, for Exchange. */
export const EXCHANGE_NOT_VALIDATED =
  'Validation is not available for Exchange (on-premises); the ERP checks these mailboxes when it polls.';

export const incomingValidateInputSchema = incomingSettingsSaveSchema.extend({
  /** Made by the UI (a UUID) so that run.cancel and the progress events can name the run. */
  runId: z.uuid(),
  /** One id for Validate selected, every row's for Validate all. */
  accountIds: z.array(z.uuid()).min(1).max(MAX_ACCOUNTS),
  /** Exchange Online only: EWS (absent, the default) or Microsoft Graph. */
  through: z.enum(values(mailApis)).optional(),
});
export type IncomingValidateInput = z.infer<typeof incomingValidateInputSchema>;

/** One account's validation, as its row shows it. Never a secret or a token. */
export const accountCheckResultSchema = z.object({
  id: z.string(),
  ok: z.boolean(),
  total: z.number().int().nonnegative().optional(),
  unread: z.number().int().nonnegative().optional(),
  /** The newest subjects, newest first. */
  newest: z.array(z.string()).optional(),
  /** When the newest message arrived (ISO). */
  newestAt: z.string().optional(),
  /** On failure: the diagnosis, line by line, as the Check dialog's Result shows it. */
  lines: z.array(z.string()),
  diagnosisId: z.string().optional(),
  facts: failureFactsSchema.optional(),
});
export type AccountCheckResult = z.infer<typeof accountCheckResultSchema>;

export const incomingValidateOutcomes = ['done', 'cancelled', 'invalid', 'unsupported'] as const;

export const incomingValidateResultSchema = z.object({
  runId: z.string(),
  outcome: z.enum(incomingValidateOutcomes),
  /** The accounts finished before the run ended, in the order they finished. */
  results: z.array(accountCheckResultSchema),
  /** When outcome is 'invalid': the errors that stop the run, on the fields they are about. */
  errors: z.array(fieldErrorSchema).optional(),
  /** When outcome is 'unsupported': why, in plain words. */
  message: z.string().optional(),
});
export type IncomingValidateResult = z.infer<typeof incomingValidateResultSchema>;

export const incomingValidationMethods = {
  /** Cancelled through run.cancel; progress comes as run.progress account events. */
  'incoming.validate': method(incomingValidateInputSchema, incomingValidateResultSchema),
};
