import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import { CancelledError, isCancellation } from './abortable';

describe('isCancellation, the one rule for a run that was cancelled', () => {
  it('knows what an abort raises', () => {
    expect(isCancellation(new CancelledError())).toBe(true);
    expect(isCancellation(new AppError('cancelled', 'The validation was cancelled.'))).toBe(true);
  });

  it('treats any failure after the run was cancelled as the cancellation', () => {
    const controller = new AbortController();
    expect(isCancellation(new Error('socket hang up'), controller.signal)).toBe(false);
    controller.abort();
    expect(isCancellation(new Error('socket hang up'), controller.signal)).toBe(true);
  });

  it('leaves every other failure to be explained', () => {
    expect(isCancellation(new AppError('keychain-locked', 'locked'))).toBe(false);
    expect(isCancellation(new Error('boom'), new AbortController().signal)).toBe(false);
  });
});
