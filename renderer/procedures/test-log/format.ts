import type { TestLogEntry } from '../../../shared/contract/test-log';
import { mailApis } from '../../../shared/settings/check-dialog';
import { incomingServices } from '../../../shared/settings/incoming-settings';
import { authFlows, emailMethods } from '../../../shared/settings/system-settings';

export const procedureLabels: Record<TestLogEntry['procedure'], string> = {
  'system-settings': 'System settings',
  'incoming-mail': 'Settings for incoming e-mail',
};

export const NOT_USED = 'not used';

const labelOf = (list: readonly { value: string; label: string }[], value: string | undefined) =>
  list.find((item) => item.value === value)?.label;

/** Whether the entry names what was tested (runs logged before it did name nothing). */
const namesTarget = (entry: TestLogEntry) =>
  entry.emailMethod !== undefined || entry.service !== undefined;

/** E-mail method, API, flow, server and account; "not used" where the run's method has none. */
export function testedOf(entry: TestLogEntry) {
  const absent = namesTarget(entry) ? NOT_USED : '';
  return {
    method:
      labelOf(emailMethods, entry.emailMethod) ?? labelOf(incomingServices, entry.service) ?? '',
    api: labelOf(mailApis, entry.api) ?? absent,
    flow: labelOf(authFlows, entry.flow) ?? absent,
    server: entry.server ?? absent,
    account: entry.account ?? absent,
  };
}

/** Milliseconds below a second, seconds with two decimals above. */
export const formatDuration = (ms: number): string =>
  ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;

/** "Sender →" and the recipient of a test message (a line each); the mailbox of a validation. */
export function partiesOf(entry: TestLogEntry): string[] {
  if (entry.mailbox) return [entry.mailbox];
  if (entry.sender || entry.recipient) return [`${entry.sender ?? '?'} →`, entry.recipient ?? '?'];
  return [];
}

/** The verdict ("OK", "Cancelled", "Not tested", "Composed…" or "Failed") and a failure's raw code. */
export function resultOf(entry: TestLogEntry): { verdict: string; code?: string } {
  if (entry.ok) return { verdict: 'OK' };
  if (entry.outcome === 'cancelled') return { verdict: 'Cancelled' };
  if (entry.outcome === 'unsupported') return { verdict: 'Not tested' };
  if (entry.outcome === 'composed') return { verdict: 'Composed in the mail client' };
  if (entry.outcome === 'invalid') return { verdict: 'Failed', code: 'invalid settings' };
  return { verdict: 'Failed', code: entry.code };
}
