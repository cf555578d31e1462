import type { GuidePart } from '../../guide/sections';
import type { FailureFacts } from '../failure';

/** A place in the vendor's guide (and so in the Setup walkthrough) that fixes a failure. */
export interface SetupStepRef {
  /** Which of the guide's procedures: the two Azure Portal parts, or the app's own settings. */
  part: GuidePart;
  steps: number[];
  title: string;
  /**
   * Only for this flow (row 23), where a part's rows differ between the flows (row 24 exists for
   * Client secret only): the link then opens the walkthrough of that flow.
   */
  flow?: 'password' | 'client-secret';
}

export interface DiagnosisEntry {
  id: string;
  /** The symptom as FLOWS.md §4 names it, for the table in the docs and the walkthrough. */
  symptom: string;
  matches(facts: FailureFacts): boolean;
  meaning: string;
  fix: string;
  /** Where the guide fixes it; several when it depends on the flow. */
  setupSteps: SetupStepRef[];
  /** A 403 right after setup: the check retries it with back-off before reporting. */
  retryable?: boolean;
}

/** Stands for the form's Application (client) ID in a fix; `describeFailure` fills it in. */
export const CLIENT_ID_PLACEHOLDER = '<Application (client) ID>';
