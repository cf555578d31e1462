import { create } from 'zustand';

export type ProcedureId =
  'system-settings' | 'incoming-mail' | 'walkthrough' | 'test-log' | 'network' | 'demo-tenant';

/** What the open procedure tells the shell so that leaving it can be guarded. */
export interface UnsavedGuard {
  dirty: boolean;
  discard(): void;
  /** Saves the procedure; true when everything was saved (false: errors, or the save failed). */
  save(): Promise<boolean>;
}

interface NavigationState {
  current: ProcedureId;
  /** Where the person asked to go while the open procedure had unsaved changes. */
  pending?: ProcedureId;
  guard?: UnsavedGuard;
  open(id: ProcedureId): void;
  /** Saves, then goes where the person asked; stays (with the errors shown) if it cannot. */
  saveAndLeave(): Promise<void>;
  leaveAnyway(): void;
  stay(): void;
  setGuard(guard: UnsavedGuard | undefined): void;
}

export const useNavigation = create<NavigationState>((set, get) => ({
  current: 'system-settings',
  open(id) {
    const { current, guard } = get();
    if (id === current) return;
    if (guard?.dirty) set({ pending: id });
    else set({ current: id });
  },
  async saveAndLeave() {
    const { pending, guard } = get();
    if (!pending) return;
    const saved = (await guard?.save()) ?? true;
    if (saved) set({ current: pending, pending: undefined, guard: undefined });
    else set({ pending: undefined });
  },
  leaveAnyway() {
    const { pending, guard } = get();
    if (!pending) return;
    guard?.discard();
    set({ current: pending, pending: undefined, guard: undefined });
  },
  stay() {
    set({ pending: undefined });
  },
  setGuard(guard) {
    set({ guard });
  },
}));
