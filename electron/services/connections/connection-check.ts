import type { ConnectionRow } from '../../../shared/contract/network';

/** Check connections (SCREENS.md §7): each host the saved settings use, tried without sending mail. */
export interface ConnectionCheck {
  check(): Promise<ConnectionRow[]>;
}
