import type { AccountCheckResult } from '../../../shared/contract/incoming';
import type {
  AccountValidation,
  IncomingAccount,
} from '../../../shared/settings/incoming-settings';
import type { ValidationBasis } from '../../../shared/settings/validation-basis';
import type { SecretDraft } from '../secret-drafts';
import type { IncomingSettingsState } from './state';

/** Validate all's summary ("198 validated, 2 failed"). */
export interface ValidationSummary {
  validated: number;
  failed: number;
}

const MAX_REASON = 2000;

/** What a row's validation was about; a result is applied only if the row still says this. */
export const credentialsOf = (account: IncomingAccount, draft: SecretDraft | undefined) =>
  JSON.stringify([account.email, account.userName, draft?.value ?? null, draft?.clear ?? false]);

export const validationOf = (
  result: AccountCheckResult,
  at: string,
  basis: ValidationBasis | undefined,
): AccountValidation => {
  const made = basis ? { at, basis } : { at };
  return result.ok
    ? {
        status: 'ok',
        ...made,
        total: result.total ?? 0,
        unread: result.unread ?? 0,
        newest: (result.newest ?? []).slice(0, 10).map((s) => s.slice(0, 998)),
        ...(result.newestAt ? { newestAt: result.newestAt } : {}),
      }
    : {
        status: 'failed',
        ...made,
        reason: result.lines.join('\n').slice(0, MAX_REASON),
        ...(result.facts ? { facts: result.facts } : {}),
      };
};

/**
 * Validation results are not edits (SCREENS.md §3): a row the person has not changed since the
 * last save gets its result in the saved values too, so it does not count as unsaved; the
 * result is written with the next save. An edited row gets it in the form only.
 */
export function withResults(
  state: Pick<IncomingSettingsState, 'form' | 'saved'>,
  resultOf: (account: IncomingAccount) => AccountValidation | undefined,
): Pick<IncomingSettingsState, 'form' | 'saved'> {
  const updated = new Map<IncomingAccount, IncomingAccount>();
  const accounts = state.form.accounts.map((account) => {
    const validation = resultOf(account);
    if (!validation) return account;
    const next = { ...account, validation };
    updated.set(account, next);
    return next;
  });
  // Rows are compared by identity: an unchanged row is the very object the saved values hold.
  const saved = state.saved.accounts.map((a) => updated.get(a) ?? a);
  return { form: { ...state.form, accounts }, saved: { ...state.saved, accounts: saved } };
}

export const summaryOf = (results: readonly AccountCheckResult[]): ValidationSummary => {
  const failed = results.filter((r) => !r.ok).length;
  return { validated: results.length - failed, failed };
};
