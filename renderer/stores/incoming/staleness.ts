import type { Environment } from '../../../shared/contract/environment';
import type {
  AccountValidation,
  IncomingAccount,
} from '../../../shared/settings/incoming-settings';
import {
  REPLACED_SECRET,
  UNSAVED_SECRET,
  basisOf,
  staleReason,
  usesClientSecret,
  type SecretVersions,
  type ValidationBasis,
} from '../../../shared/settings/validation-basis';
import { toSecretChange, type SecretDraft } from '../secret-drafts';
import type { IncomingSettingsState, IncomingSlice } from './state';

/** What a validation result rests on besides the form (validation-basis.ts). */
export interface IncomingStalenessSlice {
  /** The stored secrets' versions from the last load or save: a result records the one it read. */
  secretVersions: SecretVersions;
}

export const stalenessSlice: IncomingSlice<IncomingStalenessSlice> = () => ({
  secretVersions: { passwords: {} },
});

type BasisState = Pick<
  IncomingSettingsState,
  'form' | 'secretsSet' | 'secretVersions' | 'clientSecretDraft' | 'passwordDrafts'
>;

/**
 * The basis a validation of each row would have now (validation-basis.ts): the version of the
 * stored secret it reads, or `unsaved` while a typed one would replace it.
 */
export function currentBasis(
  state: BasisState,
  environment: Environment,
): (account: IncomingAccount) => ValidationBasis {
  const { form, secretsSet, secretVersions } = state;
  const typed = (stored: boolean, draft: SecretDraft | undefined) =>
    toSecretChange(stored, draft) !== undefined;
  if (usesClientSecret(form)) {
    const secret = typed(secretsSet.clientSecret, state.clientSecretDraft)
      ? UNSAVED_SECRET
      : (secretVersions.clientSecret ?? '');
    const basis = basisOf(form, environment, secret);
    return () => basis;
  }
  const server = basisOf(form, environment, '');
  return ({ id }) => ({
    ...server,
    secret: typed(secretsSet.passwords[id] ?? false, state.passwordDrafts[id])
      ? UNSAVED_SECRET
      : (secretVersions.passwords[id] ?? ''),
  });
}

/** Why the row's Val. is out of date (e.g. "the server settings changed"), if it is. */
export const staleReasonOf = (
  account: IncomingAccount,
  current: (account: IncomingAccount) => ValidationBasis,
): string | undefined =>
  account.validation && staleReason(account.validation.basis, current(account));

/**
 * A result made with the Client secret typed before a new one no longer describes what a save
 * would store: answers it marked so, or undefined when the new secret leaves it as it is.
 */
export const replacedTypedSecret = (
  validation: AccountValidation | undefined,
): AccountValidation | undefined =>
  validation?.basis?.secret === UNSAVED_SECRET && validation.basis.flow === 'client-secret'
    ? { ...validation, basis: { ...validation.basis, secret: REPLACED_SECRET } }
    : undefined;

type Basis = ReturnType<typeof currentBasis>;

// Every grid row asks after each change: the basis is worked out once per state and environment.
const bases = new WeakMap<IncomingSettingsState, { environment: Environment; basis: Basis }>();

/** Why a row's result is out of date in this environment, if it is. */
export function rowStaleReason(
  state: IncomingSettingsState,
  account: IncomingAccount,
  environment: Environment | undefined,
): string | undefined {
  if (!environment || !account.validation) return undefined;
  let known = bases.get(state);
  if (known?.environment !== environment) {
    known = { environment, basis: currentBasis(state, environment) };
    bases.set(state, known);
  }
  return staleReasonOf(account, known.basis);
}
