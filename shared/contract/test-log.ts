import { z } from 'zod';
import { method } from './define';
import { checkOutcomes, stepTimingSchema } from './check';
import { environments } from './environment';
import { authFlows, values } from '../settings/system-settings';

export const testProcedures = ['system-settings', 'incoming-mail'] as const;

/** One run of a test or a validation, as the Test log keeps it. Never a secret or a token. */
export const testLogEntrySchema = z.object({
  id: z.string(),
  /** ISO time the run started. */
  time: z.string(),
  environment: z.enum(environments),
  procedure: z.enum(testProcedures),
  flow: z.enum(values(authFlows)).optional(),
  sender: z.string().optional(),
  recipient: z.string().optional(),
  /** The mailbox validated (incoming e-mail). */
  mailbox: z.string().optional(),
  ok: z.boolean(),
  outcome: z.enum(checkOutcomes),
  /** The raw code, e.g. "AADSTS50126, invalid_grant, HTTP 400". */
  code: z.string().optional(),
  diagnosisId: z.string().optional(),
  steps: z.array(stepTimingSchema),
  durationMs: z.number().nonnegative(),
  /** One line: "OK!" or what failed. */
  summary: z.string(),
});
export type TestLogEntry = z.infer<typeof testLogEntrySchema>;

export const testLogFilters = ['all', 'ok', 'failed'] as const;
export type TestLogFilter = (typeof testLogFilters)[number];

const filterInput = z.object({ result: z.enum(testLogFilters) });

export const testLogMethods = {
  /** Newest first. */
  'testLog.list': method(filterInput, z.object({ entries: z.array(testLogEntrySchema) })),
  /** The filtered entries as a JSON array (newest first), and a file name to save it under. */
  'testLog.export': method(filterInput, z.object({ fileName: z.string(), json: z.string() })),
};
