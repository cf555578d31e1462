import { systemOverallRows } from '../settings/system-rows';
import type { WalkthroughStep } from './steps/types';

const rowLabel = (n: number): string => {
  const row = systemOverallRows.find((r) => r.n === n);
  if (!row) throw new Error(`System settings has no row ${n}`);
  return row.label;
};

/** A walkthrough step that fills System settings row n, named by the row's exact label. */
export const row = (
  n: number,
  value: string,
  extra: Partial<WalkthroughStep> = {},
): WalkthroughStep => ({
  number: n,
  instruction: `${rowLabel(n)}: ${value}`,
  opens: 'system-settings',
  ...extra,
});
