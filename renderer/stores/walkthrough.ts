import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../../shared/contract';
import type { SetupStepRef } from '../../shared/diagnosis/table';
import type { AuthFlow } from '../../shared/settings/system-settings';
import { targetOf, type WalkthroughTarget } from '../../shared/walkthrough/steps';
import type { WalkthroughSectionId } from '../../shared/guide/sections';
import { messageOf } from './error-message';

export type WalkthroughApi = Pick<Api, 'walkthrough.getProgress' | 'walkthrough.setProgress'>;

const NOT_READ = 'The ticked steps could not be read.';
const NOT_KEPT = 'The ticked steps could not be saved; they will be gone after a restart.';

/** The step a link asked to show; `seq` makes a second click on the same link scroll again. */
export type ShownTarget = WalkthroughTarget & { seq: number };

export interface CheckFields {
  recipient: string;
  sender: string;
  userName: string;
}

export interface WalkthroughState {
  /** The flow the person chose here; undefined follows System settings row 23. */
  flow?: AuthFlow;
  target?: ShownTarget;
  /** Ticked steps, by `stepKey`; kept in the settings file through the host (nothing secret). */
  done: Record<string, true>;
  /** Why the ticks could not be read or kept, until the next tick or load goes through. */
  progressError?: string;
  /** The step whose Check ran last, by `stepKey`, so its outcome shows beside it. */
  checkedAt?: string;
  /** What Check sends as the test dialog's fields; undefined until typed (then prefilled). */
  checkFields?: CheckFields;
  /** Reads the ticks kept by the host. */
  loadProgress(): Promise<void>;
  chooseFlow(flow: AuthFlow): void;
  setDone(key: string, done: boolean): void;
  /** Shows a step: its flow, then scrolls to and highlights it. False when there is none. */
  show(ref: SetupStepRef, currentFlow: AuthFlow): boolean;
  setCheckedAt(key: string | undefined): void;
  setCheckFields(fields: CheckFields): void;
}

export const stepKey = (flow: AuthFlow, section: WalkthroughSectionId, n: number) =>
  `${flow}:${section}:${n}`;

/** How many of a section's steps are ticked. */
export const doneCount = (
  done: Record<string, true>,
  flow: AuthFlow,
  section: WalkthroughSectionId,
  numbers: readonly number[],
) => numbers.filter((n) => done[stepKey(flow, section, n)]).length;

const asRecord = (keys: readonly string[]) =>
  Object.fromEntries(keys.map((k) => [k, true] as const));

type Store = Pick<StoreApi<WalkthroughState>, 'setState' | 'getState'>;

/**
 * Keeps the ticks with the host: `load` reads them, `ticked` sends them after each tick. One call
 * at a time, each sending the ticks as they are when it goes, so the last one wins.
 */
function progressSync(api: WalkthroughApi, { setState: set, getState: get }: Store) {
  let queue: Promise<void> = Promise.resolve();
  const serial = (work: () => Promise<void>) => (queue = queue.then(work));
  // Ticked before the kept ones were read: those are added to them, not replaced.
  let tickedBeforeLoad = false;
  let loaded = false;
  // Ticks made while a later read was on its way are newer than its answer, which must not undo them.
  let edits = 0;

  const save = () =>
    serial(async () => {
      try {
        await api['walkthrough.setProgress']({ done: Object.keys(get().done) });
        set({ progressError: undefined });
      } catch (error) {
        set({ progressError: messageOf(error, NOT_KEPT) });
      }
    });

  const read = async (editsBefore: number) => {
    try {
      const { done } = await api['walkthrough.getProgress']({});
      if (loaded && edits !== editsBefore) return;
      const merge = !loaded && tickedBeforeLoad;
      loaded = true;
      set((s) => ({
        done: merge ? { ...asRecord(done), ...s.done } : asRecord(done),
        progressError: undefined,
      }));
      if (merge) void save();
    } catch (error) {
      set({ progressError: messageOf(error, NOT_READ) });
    }
  };

  return {
    load() {
      const editsBefore = edits;
      return serial(() => read(editsBefore));
    },
    ticked() {
      edits += 1;
      // Before the kept ticks are read, sending these would replace them: loading adds them.
      if (loaded) void save();
      else tickedBeforeLoad = true;
    },
  };
}

/**
 * The walkthrough's state. Ticks go to the host (walkthrough.setProgress), which keeps them in
 * the settings file: the page's local storage would be lost with the browser host's origin, which
 * changes with its port at every start.
 */
export function createWalkthroughStore(api: WalkthroughApi) {
  let seq = 0;
  return createStore<WalkthroughState>((set, get) => {
    const progress = progressSync(api, { setState: set, getState: get });
    return {
      done: {},
      loadProgress: progress.load,
      chooseFlow(flow) {
        set({ flow, target: undefined });
      },
      setDone(key, isDone) {
        const done = { ...get().done };
        if (isDone) done[key] = true;
        else delete done[key];
        set({ done });
        progress.ticked();
      },
      show(ref, currentFlow) {
        const target = targetOf(ref, get().flow ?? currentFlow);
        if (!target) return false;
        seq += 1;
        set({ flow: target.flow, target: { ...target, seq } });
        return true;
      },
      setCheckedAt(key) {
        set({ checkedAt: key });
      },
      setCheckFields(fields) {
        set({ checkFields: fields });
      },
    };
  });
}
