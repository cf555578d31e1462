import type { TestLogEntry } from '../../../shared/contract/test-log';
import { authFlows } from '../../../shared/settings/system-settings';

export const procedureLabels: Record<TestLogEntry['procedure'], string> = {
  'system-settings': 'System settings',
  'incoming-mail': 'Settings for incoming e-mail',
};

export const flowLabel = (flow: TestLogEntry['flow']): string =>
  authFlows.find((f) => f.value === flow)?.label ?? '';

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
