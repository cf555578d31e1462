import { describe, expect, it } from 'vitest';
import { setupStepsFor } from '../../shared/diagnosis/diagnose';
import { diagnosisTable } from '../../shared/diagnosis/table';
import { setupStepsOf } from './setup-steps-of';

const entry = (id: string) => diagnosisTable.find((e) => e.id === id)!;

describe('setupStepsOf', () => {
  it('finds a diagnosis by its id and keeps the steps of the flow', () => {
    expect(setupStepsOf({ id: 'wrong-password' }, 'password')).toEqual(
      setupStepsFor(entry('wrong-password'), 'password'),
    );
    expect(setupStepsOf({ id: 'public-client-flows-off' }, 'password')).not.toEqual([]);
  });

  it('diagnoses the facts when no id is given (a saved row keeps only its facts)', () => {
    expect(
      setupStepsOf({ facts: { step: 'token', aadsts: 50126, message: 'AADSTS50126' } }, 'password'),
    ).toEqual(setupStepsFor(entry('wrong-password'), 'password'));
  });

  it('answers no step for an unknown or undiagnosed failure', () => {
    expect(setupStepsOf({ id: 'no-such-diagnosis' }, 'password')).toEqual([]);
    expect(setupStepsOf({}, 'client-secret')).toEqual([]);
  });
});
