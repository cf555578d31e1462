import type { Environment } from '../../../shared/contract/environment';
import {
  isAccountColumnEnabled,
  type IncomingAccount,
} from '../../../shared/settings/incoming-settings';
import type { AuthFlow } from '../../../shared/settings/system-settings';
import type { SecretDraft } from '../secret-drafts';
import type { RowWait } from './row-waits';
import { rowStaleReason } from './staleness';
import type { IncomingSettingsState } from './state';

/**
 * What one grid row shows besides its errors: values that compare equal while the row is
 * unchanged, so a shallow comparison keeps the row from rendering when another row changes.
 */
export interface RowView {
  account?: IncomingAccount;
  selected: boolean;
  credentialsUsed: boolean;
  /** Server settings' flow: a failed row links to the walkthrough steps of this flow. */
  flow: AuthFlow;
  passwordStored: boolean;
  passwordDraft?: SecretDraft;
  /** Why the row's validation no longer holds ("the server settings changed"), if it does not. */
  outOfDate?: string;
  /** While its check waits out Microsoft's throttling: the countdown's end and why. */
  wait?: RowWait;
}

/** The row with this id, looked for first where it stood (`at`), the usual case. */
const accountOf = (state: IncomingSettingsState, id: string, at: number) => {
  const { accounts } = state.form;
  const there = accounts[at];
  return there?.id === id ? there : accounts.find((a) => a.id === id);
};

/** One row's view, for `useShallow`; `at` is the row's place among all rows. */
export function rowViewOf(
  state: IncomingSettingsState,
  id: string,
  at: number,
  environment: Environment | undefined,
): RowView {
  const account = accountOf(state, id, at);
  return {
    account,
    selected: state.selectedId === id,
    credentialsUsed: isAccountColumnEnabled('userName', state.form),
    flow: state.form.authFlow,
    passwordStored: state.secretsSet.passwords[id] ?? false,
    passwordDraft: state.passwordDrafts[id],
    outOfDate: account && rowStaleReason(state, account, environment),
    wait: state.rowWaits[id],
  };
}
