import type { StoreApi } from 'zustand/vanilla';
import type { Environment } from '../../../shared/contract/environment';
import type { IncomingValidateResult } from '../../../shared/contract/incoming';
import type { MailApi } from '../../../shared/settings/check-dialog';
import type { IncomingAccount } from '../../../shared/settings/incoming-settings';
import type { ValidationBasis } from '../../../shared/settings/validation-basis';
import { messageOf } from '../error-message';
import { STILL_IN_FORM } from '../procedure-form';
import type { RunSlice } from '../run-slice';
import { incomingSecretChanges } from './secret-changes';
import { withProgress, type RowWaits } from './row-waits';
import { currentBasis } from './staleness';
import type { IncomingSettingsApi, IncomingSettingsState, IncomingSlice } from './state';
import {
  credentialsOf,
  summaryOf,
  validationOf,
  withResults,
  type ValidationSummary,
} from './validation-results';

/** How far a Validate selected / Validate all in progress is. */
export interface ValidationProgress {
  done: number;
  total: number;
}

/** Validate selected and Validate all: the run, its progress and what it found. */
export interface IncomingValidationSlice {
  /** Set while a validation runs (activeRun names it). */
  validation?: ValidationProgress;
  /** The rows whose checks wait out Microsoft's throttling now, by row id. */
  rowWaits: RowWaits;
  /** Why the last validation did not run (e.g. Exchange on-premises), or why its call failed. */
  runMessage?: string;
  /** What the last Validate all found, until the next validation. */
  summary?: ValidationSummary;
  /** Validates the rows; `through` picks EWS or Microsoft Graph for Exchange Online. */
  validate(ids: string[], through?: MailApi): Promise<void>;
  dismissRunMessage(): void;
}

export interface ValidationDeps {
  api: IncomingSettingsApi;
  runs: RunSlice;
  /** The environment the checks talk to now; a result records it (validation-basis.ts). */
  environment?: () => Environment | undefined;
  /** Told after each validation run (a new Test log line per account). */
  onValidated?: () => void;
}

type Store = Pick<StoreApi<IncomingSettingsState>, 'setState' | 'getState'>;

/** What the rows said when they were sent, and the basis their results will record. */
interface Request {
  ids: string[];
  asked: Map<string, string>;
  basis?: (account: IncomingAccount) => ValidationBasis;
}

/** Puts a run's answer into the store: errors to show, the summary, each row's result. */
function applyAnswer({ setState: set }: Store, request: Request, result: IncomingValidateResult) {
  if (result.outcome === 'invalid') {
    const touched = Object.fromEntries((result.errors ?? []).map((e) => [e.field, true as const]));
    set((s) => ({ touched: { ...s.touched, ...touched }, panelOpen: true }));
  }
  if (result.outcome === 'unsupported') set({ runMessage: result.message });
  if (request.ids.length > 1) set({ summary: summaryOf(result.results) });
  const at = new Date().toISOString();
  const byId = new Map(result.results.map((r) => [r.id, r]));
  set((s) =>
    withResults(s, (a) => {
      const found = byId.get(a.id);
      // A row edited while it was checked keeps no verdict about its old values.
      if (!found || request.asked.get(a.id) !== credentialsOf(a, s.passwordDrafts[a.id]))
        return undefined;
      return validationOf(found, at, request.basis?.(a));
    }),
  );
}

function startRun(store: Store, deps: ValidationDeps, ids: string[], through?: MailApi) {
  const state = store.getState();
  return deps.runs.track(
    (runId) =>
      deps.api['incoming.validate']({
        runId,
        form: state.form,
        secrets: incomingSecretChanges(state),
        accountIds: ids,
        ...(state.form.service === 'exchange-online' && through ? { through } : {}),
      }),
    (event) => {
      const rowWaits = withProgress(store.getState().rowWaits, event, Date.now());
      if (rowWaits !== store.getState().rowWaits) store.setState({ rowWaits });
      if (event.kind === 'account')
        store.setState({ validation: { done: event.done, total: event.total } });
    },
  );
}

async function validate(store: Store, deps: ValidationDeps, ids: string[], through?: MailApi) {
  const state = store.getState();
  if (ids.length === 0) return;
  const asked = new Map(
    state.form.accounts
      .filter((a) => ids.includes(a.id))
      .map((a) => [a.id, credentialsOf(a, state.passwordDrafts[a.id])]),
  );
  const environment = deps.environment?.();
  const request: Request = { ids, asked, basis: environment && currentBasis(state, environment) };
  const answer = startRun(store, deps, ids, through);
  if (!answer) return;
  const started = { runMessage: undefined, summary: undefined, showFailedOnly: false };
  store.setState({ validation: { done: 0, total: ids.length }, ...started });
  try {
    applyAnswer(store, request, await answer);
  } catch (error) {
    store.setState({ runMessage: messageOf(error, STILL_IN_FORM) });
  } finally {
    store.setState({ validation: undefined, rowWaits: {} });
    deps.onValidated?.();
  }
}

export const validationSlice =
  (deps: ValidationDeps): IncomingSlice<IncomingValidationSlice> =>
  (setState, getState) => ({
    rowWaits: {},
    validate: (ids, through) => validate({ setState, getState }, deps, ids, through),
    dismissRunMessage() {
      setState({ runMessage: undefined });
    },
  });
