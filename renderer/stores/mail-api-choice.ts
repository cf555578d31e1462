import { createStore } from 'zustand/vanilla';
import { mailApis, type MailApi } from '../../shared/settings/check-dialog';

/** Where the choice is used: the Check dialog's Send through, the grid's Validate through. */
export type MailApiUse = 'send' | 'validate';

export interface MailApiChoiceState {
  send: MailApi;
  validate: MailApi;
  choose(use: MailApiUse, api: MailApi): void;
}

const STORAGE_KEY = 'erp-mail-settings.mail-api';
const isMailApi = (value: unknown): value is MailApi => mailApis.some((api) => api.value === value);

function read(storage: Storage | undefined): Pick<MailApiChoiceState, MailApiUse> {
  const fallback = { send: 'ews', validate: 'ews' } as const;
  try {
    const stored: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null');
    if (typeof stored !== 'object' || stored === null) return fallback;
    const { send, validate } = stored as Record<string, unknown>;
    return {
      send: isMailApi(send) ? send : fallback.send,
      validate: isMailApi(validate) ? validate : fallback.validate,
    };
  } catch {
    return fallback;
  }
}

/**
 * EWS or Microsoft Graph, remembered across starts (SCREENS.md §2, §3: the last choice is
 * remembered); EWS, what the ERP uses, until the person picks Graph.
 */
export function createMailApiChoiceStore(storage: Storage | undefined) {
  return createStore<MailApiChoiceState>((set, get) => ({
    ...read(storage),
    choose(use, api) {
      set({ [use]: api });
      const { send, validate } = get();
      try {
        storage?.setItem(STORAGE_KEY, JSON.stringify({ send, validate }));
      } catch {
        // A full or blocked storage only costs remembering the choice.
      }
    },
  }));
}
