import { stepNames } from './failure';

const failedSteps = Object.values(stepNames)
  .map((name) => `Failed: ${name}`)
  // The longest first, so a step whose name holds another's is found as itself.
  .sort((a, b) => b.length - a.length);

/**
 * A diagnosed failure (the lines `diagnose` writes) as one short line for a grid row: the step
 * that failed and what that means. The host is left out: it is the same on every row of the
 * grid, and the full reason, shown on demand, still names it.
 */
export function shortFailure(reason: string): string {
  const [first = '', ...rest] = reason.split('\n');
  const step = failedSteps.find((s) => first === s || first.startsWith(`${s} (`)) ?? first;
  const meaning = rest.find((l) => l.startsWith('Meaning: '))?.slice('Meaning: '.length);
  return [step, meaning].filter(Boolean).join(' — ');
}
