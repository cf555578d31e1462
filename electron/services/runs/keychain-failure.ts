import { AppError } from '../../../shared/contract/errors';
import type { CheckStep, FailureFacts } from '../../../shared/diagnosis/failure';

/**
 * A keychain error met while a run read its secrets, as facts the diagnosis table explains
 * (its own meaning and fix, not "not in the list of known setup problems"); undefined for any
 * other error.
 */
export function keychainFailureFacts(error: unknown, step: CheckStep): FailureFacts | undefined {
  if (!(error instanceof AppError)) return undefined;
  // The Meaning and Fix lines say the rest of the vault's long "locked" message.
  if (error.code === 'keychain-locked')
    return { step, keychain: 'locked', message: 'The keychain is locked.' };
  if (error.code === 'keychain-unavailable')
    return { step, keychain: 'unavailable', message: error.message };
  return undefined;
}
