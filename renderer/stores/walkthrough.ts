import { createStore } from 'zustand/vanilla';
import type { SetupStepRef } from '../../shared/diagnosis/table';
import type { AuthFlow } from '../../shared/settings/system-settings';
import {
  targetOf,
  type WalkthroughSectionId,
  type WalkthroughTarget,
} from '../../shared/walkthrough/steps';

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
  /** Ticked steps, by `stepKey`; kept in local storage across reloads (nothing secret). */
  done: Record<string, true>;
  /** The step whose Check ran last, by `stepKey`, so its outcome shows beside it. */
  checkedAt?: string;
  /** What Check sends as the test dialog's fields; undefined until typed (then prefilled). */
  checkFields?: CheckFields;
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

const STORAGE_KEY = 'erp-mail-settings.walkthrough.done';

function readDone(storage: Storage | undefined): Record<string, true> {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? '[]');
    if (!Array.isArray(parsed)) return {};
    return Object.fromEntries(
      parsed.filter((k): k is string => typeof k === 'string').map((k) => [k, true] as const),
    );
  } catch {
    return {};
  }
}

export function createWalkthroughStore(storage: Storage | undefined) {
  let seq = 0;
  return createStore<WalkthroughState>((set, get) => ({
    done: readDone(storage),
    chooseFlow(flow) {
      set({ flow, target: undefined });
    },
    setDone(key, isDone) {
      const done = { ...get().done };
      if (isDone) done[key] = true;
      else delete done[key];
      set({ done });
      try {
        storage?.setItem(STORAGE_KEY, JSON.stringify(Object.keys(done)));
      } catch {
        // A full or refused storage only costs the ticks after a reload.
      }
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
  }));
}
