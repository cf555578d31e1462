import { createStore } from 'zustand/vanilla';
import type { Api } from '../../shared/contract';
import { defaultMailApiChoice, type MailApiChoice } from '../../shared/contract/mail-apis';
import type { MailApi } from '../../shared/settings/check-dialog';
import { messageOf } from './error-message';

export type MailApiChoiceApi = Pick<Api, 'mailApis.get' | 'mailApis.set'>;

/** Where the choice is used: the Check dialog's Send through, the grid's Validate through. */
export type MailApiUse = keyof MailApiChoice;

const NOT_READ = 'The last choice could not be read; EWS is chosen.';
const NOT_KEPT = 'This choice could not be saved; it will be gone after a restart.';

export interface MailApiChoiceState extends MailApiChoice {
  /** Why the choice could not be read or kept, until a later read or choice goes through. */
  error?: string;
  /** Reads the kept choice once; later calls answer that read, or read again after a failed one. */
  load(): Promise<void>;
  choose(use: MailApiUse, api: MailApi): void;
}

/**
 * EWS or Microsoft Graph, remembered across starts (SCREENS.md §2, §3: the last choice is
 * remembered) by the host in the settings file: the page's local storage would be lost with the
 * browser host's origin, which changes with its port at every start.
 */
export function createMailApiChoiceStore(api: MailApiChoiceApi) {
  let loading: Promise<void> | undefined;
  // A choice made while the read was on its way is newer than its answer.
  let chosen = false;
  // One write at a time, each sending the choice as it is when it goes: the last one wins.
  let queue: Promise<void> = Promise.resolve();

  return createStore<MailApiChoiceState>((set, get) => {
    const keep = () =>
      (queue = queue.then(async () => {
        const { send, validate } = get();
        try {
          await api['mailApis.set']({ send, validate });
          set({ error: undefined });
        } catch (error) {
          set({ error: messageOf(error, NOT_KEPT) });
        }
      }));

    return {
      ...defaultMailApiChoice,
      load: () =>
        (loading ??= (async () => {
          try {
            const kept = await api['mailApis.get']({});
            if (!chosen) set({ send: kept.send, validate: kept.validate, error: undefined });
          } catch (error) {
            // The next opening of a screen with the choice tries again.
            loading = undefined;
            if (!chosen) set({ error: messageOf(error, NOT_READ) });
          }
        })()),
      choose(use, choice) {
        chosen = true;
        set({ [use]: choice });
        void keep();
      },
    };
  });
}
