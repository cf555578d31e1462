import type { FieldError } from '../../../shared/settings/field-error';
import type { AccountColumnKey } from '../../../shared/settings/incoming-settings';
import { validateIncomingSettings } from '../../../shared/settings/incoming-validation';
import { visibleOf, withServerErrors } from '../procedure-form';
import { incomingSecretChanges } from './secret-changes';
import type { IncomingSettingsState } from './state';

/** A row's errors to show, one message per column. */
export type RowErrors = Readonly<Partial<Record<AccountColumnKey, string>>>;

export const allIncomingErrors = (state: IncomingSettingsState): FieldError[] =>
  withServerErrors(
    validateIncomingSettings(state.form, state.secretsSet, incomingSecretChanges(state)).errors,
    state.serverErrors,
  );

export interface IncomingErrors {
  /** Every error, for the errors panel. */
  all: FieldError[];
  /** Those to show inline now: all after a save attempt, otherwise those of fields already left. */
  visible: FieldError[];
  /** The visible errors of each grid row with errors, by account id. */
  byRow: ReadonlyMap<string, RowErrors>;
}

function errorsByRow(errors: FieldError[]): Map<string, RowErrors> {
  const byRow = new Map<string, Partial<Record<AccountColumnKey, string>>>();
  for (const { field, message } of errors) {
    const [prefix, id, column] = field.split('.');
    if (prefix !== 'accounts' || !id || !column) continue;
    const row = byRow.get(id) ?? {};
    row[column as AccountColumnKey] ??= message;
    byRow.set(id, row);
  }
  return byRow;
}

// Each state is validated once however many parts of the page ask: the procedure, its server
// fields and every grid row read the same state after a change.
const computed = new WeakMap<IncomingSettingsState, IncomingErrors>();

/** The form's errors as the procedure shows them, worked out once per state. */
export function incomingErrorsOf(state: IncomingSettingsState): IncomingErrors {
  const known = computed.get(state);
  if (known) return known;
  const all = allIncomingErrors(state);
  const visible = visibleOf(state, all);
  const errors = { all, visible, byRow: errorsByRow(visible) };
  computed.set(state, errors);
  return errors;
}

const NO_ERRORS: RowErrors = {};

/** One row's visible errors; equal rows answer equal records, for a shallow comparison. */
export const rowErrorsOf = (state: IncomingSettingsState, id: string): RowErrors =>
  incomingErrorsOf(state).byRow.get(id) ?? NO_ERRORS;
