import { describe, expect, it } from 'vitest';
import { diagnosisTable } from '../diagnosis/table';
import { authFlows } from '../settings/system-settings';
import { tenantStepsFor } from './tenant-steps';
import { walkthroughFor } from './steps';

describe('tenant steps', () => {
  it.each(authFlows.map((f) => f.value))('%s: each is a step the walkthrough shows', (flow) => {
    const sections = walkthroughFor(flow);
    for (const { section, step } of tenantStepsFor(flow)) {
      const numbers = sections.find((s) => s.id === section)?.steps.map((s) => s.number);
      expect(numbers, `${section} ${step}`).toContain(step);
    }
  });

  it('the guide’s tenant failures lead back to a step that can be broken and fixed', () => {
    const breakable = new Set(
      authFlows.flatMap((f) => tenantStepsFor(f.value).map((s) => `${s.section}:${s.step}`)),
    );
    for (const id of [
      'consent-missing',
      'public-client-flows-off',
      'public-client-with-secret',
      'ews-blocked',
      'ews-disabled',
    ]) {
      const refs = diagnosisTable.find((e) => e.id === id)?.setupSteps ?? [];
      expect(
        refs.some((r) => r.steps.some((n) => breakable.has(`${r.part}:${n}`))),
        id,
      ).toBe(true);
    }
  });
});
