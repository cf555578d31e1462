import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import { describeFailure, diagnose } from '../../../shared/diagnosis/diagnose';
import { keychainFailureFacts } from './keychain-failure';

describe('keychainFailureFacts', () => {
  it.each([
    ['keychain-locked', 'locked', 'The keychain is locked.'],
    ['keychain-unavailable', 'unavailable', 'The keychain said no.'],
  ] as const)('makes %s a diagnosed failure of the step', (code, keychain, message) => {
    const facts = keychainFailureFacts(new AppError(code, 'The keychain said no.'), 'validate');
    expect(facts).toEqual({ step: 'validate', keychain, message });
    expect(diagnose(facts!)?.id).toBe(code);
    const lines = describeFailure(facts!);
    expect(lines).toContain(`Code: keychain: ${keychain}`);
    expect(lines.join('\n')).not.toContain('not in the list of known setup problems');
  });

  it('leaves every other error alone', () => {
    expect(keychainFailureFacts(new AppError('storage-failed', 'disk'), 'send')).toBeUndefined();
    expect(keychainFailureFacts(new Error('keychain-locked'), 'send')).toBeUndefined();
  });
});
