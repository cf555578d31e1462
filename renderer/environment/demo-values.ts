import type { EnvironmentView } from '../../shared/contract/environment';
import type { SystemSettingsState } from '../stores/system-settings';

/** The System settings rows the Demo fills in, by the label the confirmation names them with. */
const DEMO_ROWS = [
  { key: 'exchangeUserName', label: 'User name (Exchange)' },
  { key: 'exchangePassword', label: 'Password (Exchange)' },
  { key: 'clientId', label: 'Application (client) ID' },
  { key: 'tenantId', label: 'Directory (tenant) ID' },
] as const;
export type DemoRow = (typeof DEMO_ROWS)[number]['key'];

/**
 * The rows that still hold the demo tenant's values: its tenant (and so the app registered in
 * it), its users (and so the password that goes with them). Empty when there are none.
 */
export function demoRowsIn(
  state: Pick<SystemSettingsState, 'form' | 'secretsSet'>,
  demo: EnvironmentView['demo'],
): DemoRow[] {
  if (!demo) return [];
  const { form } = state;
  const demoTenant = form.tenantId.trim().toLowerCase();
  const inTenant = demoTenant === demo.tenantId || demoTenant === demo.domain.toLowerCase();
  const demoUser = form.exchangeUserName.trim().toLowerCase().endsWith(`@${demo.domain}`);
  const rows: DemoRow[] = [];
  if (demoUser) rows.push('exchangeUserName');
  if (demoUser && state.secretsSet.exchangePassword) rows.push('exchangePassword');
  if (inTenant && form.clientId.trim() !== '') rows.push('clientId');
  if (inTenant) rows.push('tenantId');
  return rows;
}

export const demoRowLabels = (rows: readonly DemoRow[]): string =>
  DEMO_ROWS.filter((r) => rows.includes(r.key))
    .map((r) => r.label)
    .join(', ');

/** Empties those rows in the form: unsaved edits, like any other, until the person saves. */
export function clearDemoRows(state: SystemSettingsState, rows: readonly DemoRow[]): void {
  for (const row of rows) {
    if (row === 'exchangePassword') state.setSecretDraft(row, { value: '', clear: true });
    else state.setField(row, '');
  }
}
