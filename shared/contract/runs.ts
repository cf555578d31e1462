import { z } from 'zod';
import { method } from './define';
import { checkSteps } from '../diagnosis/failure';

export const stepProgressStates = ['running', 'done', 'failed', 'waiting'] as const;

/** A step of a run started, ended, or counts down to an automatic retry ('waiting'). */
export const stepProgressSchema = z.object({
  runId: z.string(),
  kind: z.literal('step'),
  step: z.enum(checkSteps),
  state: z.enum(stepProgressStates),
  detail: z.string().optional(),
  retryInSeconds: z.number().int().nonnegative().optional(),
  /**
   * While waiting: why (a change still reaching Microsoft 365, or Microsoft asking to slow down),
   * the whole wait the step may spend on retries, and what is left of it, so the countdown is
   * one steady figure rather than one per retry.
   */
  waitReason: z.enum(['propagation', 'throttled']).optional(),
  waitTotalSeconds: z.number().int().nonnegative().optional(),
  waitLeftSeconds: z.number().int().nonnegative().optional(),
  /** 1 for the first try of the step, 2 for the first retry, … */
  attempt: z.number().int().positive().optional(),
  /** While waiting: the code that made the step wait ("HTTP 429, ApplicationThrottled"). */
  reason: z.string().optional(),
  /**
   * While waiting out throttling: how long it holds the run (or the account) with this wait, and
   * the most the app waits in all.
   */
  throttle: z
    .object({
      waitedSeconds: z.number().int().nonnegative(),
      boundSeconds: z.number().int().nonnegative(),
    })
    .optional(),
  /** In a validation: the account (grid row) whose check waits. */
  accountId: z.string().optional(),
});
export type StepProgress = z.infer<typeof stepProgressSchema>;

/** A mailbox of a validation run finished: `done / total`, and that account's id and result. */
export const accountProgressSchema = z.object({
  runId: z.string(),
  kind: z.literal('account'),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  accountId: z.string().optional(),
  ok: z.boolean().optional(),
});
export type AccountProgress = z.infer<typeof accountProgressSchema>;

/**
 * After `OK!` (FLOWS.md §11): the delivery lines so far, each event the whole list. `secondsLeft`
 * counts the bounce watch down; a bounce replaces the Result's lines from `Failed: Delivery`.
 */
export const deliveryProgressSchema = z.object({
  runId: z.string(),
  kind: z.literal('delivery'),
  lines: z.array(z.string()),
  secondsLeft: z.number().int().nonnegative().optional(),
  following: z.boolean(),
  bounce: z.object({ lines: z.array(z.string()), diagnosisId: z.string().optional() }).optional(),
});
export type DeliveryProgress = z.infer<typeof deliveryProgressSchema>;

/** Everything a run pushes while it runs: the green icon's test and mailbox validation alike. */
export const runProgressSchema = z.discriminatedUnion('kind', [
  stepProgressSchema,
  accountProgressSchema,
  deliveryProgressSchema,
]);
export type RunProgress = z.infer<typeof runProgressSchema>;

export const runMethods = {
  /**
   * Stops any run (a Test, a validation) within a second; its own call then answers with outcome
   * 'cancelled' and what finished. `cancelled` is false when no such run was in progress.
   */
  'run.cancel': method(z.object({ runId: z.string() }), z.object({ cancelled: z.boolean() })),
};

export const runEvents = {
  'run.progress': runProgressSchema,
};
