import { z } from 'zod';
import { method } from './define';
import { systemSettingsSaveSchema } from './settings';
import { checkSteps, failureFactsSchema } from '../diagnosis/failure';
import { fieldErrorSchema } from '../settings/field-error';
import { mailApis } from '../settings/check-dialog';
import { secretChangeSchema } from '../settings/secrets';
import { emailMethods, values } from '../settings/system-settings';

const address = z.string().max(320);

/** The fields of the Check e-mail settings dialog. */
export const checkDialogSchema = z.object({
  emailMethod: z.enum(values(emailMethods)),
  recipient: address,
  sender: address,
  userName: address,
  /** A password typed in the dialog; absent = the form's pending change or the stored one. */
  password: secretChangeSchema.optional(),
  /** Exchange Online only: EWS (absent, the default) or Microsoft Graph. */
  sendThrough: z.enum(values(mailApis)).optional(),
});
export type CheckDialog = z.infer<typeof checkDialogSchema>;

export const checkRunInputSchema = systemSettingsSaveSchema.extend({
  /** Made by the UI (a UUID) so that run.cancel and the progress events can name the run. */
  runId: z.uuid(),
  dialog: checkDialogSchema,
});
export type CheckRunInput = z.infer<typeof checkRunInputSchema>;

export const stepTimingSchema = z.object({
  step: z.enum(checkSteps),
  ms: z.number().nonnegative(),
  ok: z.boolean(),
});
export type StepTiming = z.infer<typeof stepTimingSchema>;

/** 'composed': Client based handed the message to the mail client, which nothing here can check. */
export const checkOutcomes = [
  'ok',
  'failed',
  'invalid',
  'cancelled',
  'unsupported',
  'composed',
] as const;
export type CheckOutcome = (typeof checkOutcomes)[number];

export const checkResultSchema = z.object({
  runId: z.string(),
  ok: z.boolean(),
  outcome: z.enum(checkOutcomes),
  /** The Result box's text, one entry per line; the first is exactly "OK!" on success. */
  lines: z.array(z.string()),
  steps: z.array(stepTimingSchema),
  /** When outcome is 'invalid': the form's and the dialog's errors (dialog fields are `dialog.<name>`). */
  errors: z.array(fieldErrorSchema).optional(),
  facts: failureFactsSchema.optional(),
  /** The diagnosis table entry that explained the failure, for a link to the walkthrough. */
  diagnosisId: z.string().optional(),
  logEntryId: z.string(),
  /** Client based: the composed message as a mailto: link, for the user to follow. */
  mailto: z.string().optional(),
  /** After OK!: the message is being followed; `run.progress` delivery events carry the lines. */
  following: z.boolean().optional(),
});
export type CheckResult = z.infer<typeof checkResultSchema>;

export const checkMethods = {
  /** Cancelled through run.cancel; progress comes as run.progress step events. */
  'check.run': method(checkRunInputSchema, checkResultSchema),
};
