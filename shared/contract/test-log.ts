import { z } from 'zod';
import { method } from './define';
import { checkOutcomes, stepTimingSchema } from './check';
import { environments } from './environment';
import { mailApis } from '../settings/check-dialog';
import { incomingServices } from '../settings/incoming-settings';
import { authFlows, emailMethods, values } from '../settings/system-settings';

/** Microsoft Graph's address, as a Test log entry names it. */
export const GRAPH_ADDRESS = 'graph.microsoft.com:443';
/** The account of a Client secret run: the app (row 21's client ID) signs in, not a user. */
export const appAccount = (clientId: string): string => `app ${clientId.trim()}`;

/** How the Test log, the app log and a Test's Result say how long throttling held a run. */
export const throttlingHeld = (ms: number): string =>
  `throttling held ${Math.max(1, Math.round(ms / 1000))} s`;

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
  /** What was tested: System settings' E-mail method, or the incoming e-mail's service. */
  emailMethod: z.enum(values(emailMethods)).optional(),
  service: z.enum(values(incomingServices)).optional(),
  /** Exchange Online's Send through / Validate through; absent where no such choice applies. */
  api: z.enum(values(mailApis)).optional(),
  /** The address and port the run used ("smtp.office365.com:587"); absent where none is used. */
  server: z.string().optional(),
  /** Who signed in: the user name, or the app (client ID) of a Client secret run. */
  account: z.string().optional(),
  /** The app's own id of the run, the one to quote to support (also in the app log). */
  runId: z.string().optional(),
  /** Microsoft's ids of a failed request, to quote to Microsoft's support. */
  correlationId: z.string().optional(),
  requestId: z.string().optional(),
  ok: z.boolean(),
  outcome: z.enum(checkOutcomes),
  /** The raw code, e.g. "AADSTS50126, invalid_grant, HTTP 400". */
  code: z.string().optional(),
  diagnosisId: z.string().optional(),
  steps: z.array(stepTimingSchema),
  /** What following the test message after `OK!` found (FLOWS.md §11), added when it ends. */
  delivery: z.array(z.string()).optional(),
  durationMs: z.number().nonnegative(),
  /** How long throttling held the run (its waits on Retry-After or BackOffMilliseconds). */
  throttledMs: z.number().nonnegative().optional(),
  /** One line: "OK!" or what failed. */
  summary: z.string(),
});
export type TestLogEntry = z.infer<typeof testLogEntrySchema>;

/** What following a run after `OK!` may change in its entry (FLOWS.md §11). */
export type TestLogChange = Partial<
  Pick<TestLogEntry, 'delivery' | 'ok' | 'outcome' | 'code' | 'diagnosisId' | 'summary'>
>;

/** 'other': runs that neither passed nor failed (composed in the mail client, cancelled, not tested). */
export const testLogFilters = ['all', 'ok', 'failed', 'other'] as const;
export type TestLogFilter = (typeof testLogFilters)[number];

/** Which filter lists a run: a composed, cancelled or untested run neither passed nor failed. */
export function resultGroup(
  entry: Pick<TestLogEntry, 'ok' | 'outcome'>,
): 'ok' | 'failed' | 'other' {
  if (entry.ok) return 'ok';
  return entry.outcome === 'failed' || entry.outcome === 'invalid' ? 'failed' : 'other';
}

const filterInput = z.object({ result: z.enum(testLogFilters) });

export const testLogMethods = {
  /** Newest first. */
  'testLog.list': method(filterInput, z.object({ entries: z.array(testLogEntrySchema) })),
  /** The filtered entries as a JSON array (newest first), and a file name to save it under. */
  'testLog.export': method(filterInput, z.object({ fileName: z.string(), json: z.string() })),
};
