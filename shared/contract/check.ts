import { z } from 'zod';
import { method } from './define';
import { systemSettingsSaveSchema } from './settings';
import { checkSteps, failureFactsSchema } from '../diagnosis/failure';
import { fieldErrorSchema } from '../settings/field-error';
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
});
export type CheckDialog = z.infer<typeof checkDialogSchema>;

export const checkRunInputSchema = systemSettingsSaveSchema.extend({
  /** Made by the UI (a UUID) so that check.cancel and the progress events can name the run. */
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

export const checkOutcomes = ['ok', 'failed', 'invalid', 'cancelled', 'unsupported'] as const;
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
});
export type CheckResult = z.infer<typeof checkResultSchema>;

export const checkProgressStates = ['running', 'done', 'failed', 'waiting'] as const;

/** Pushed while a check runs; 'waiting' counts down to an automatic retry. */
export const checkProgressSchema = z.object({
  runId: z.string(),
  step: z.enum(checkSteps),
  state: z.enum(checkProgressStates),
  detail: z.string().optional(),
  retryInSeconds: z.number().int().nonnegative().optional(),
  /** 1 for the first try of the step, 2 for the first retry, … */
  attempt: z.number().int().positive().optional(),
});
export type CheckProgress = z.infer<typeof checkProgressSchema>;

export const checkMethods = {
  'check.run': method(checkRunInputSchema, checkResultSchema),
  /** Stops the run within a second; its check.run answers with outcome 'cancelled'. */
  'check.cancel': method(z.object({ runId: z.string() }), z.object({ cancelled: z.boolean() })),
};

export const checkEvents = {
  'check.progress': checkProgressSchema,
};
