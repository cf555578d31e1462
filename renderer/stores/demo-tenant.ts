import { createStore } from 'zustand/vanilla';
import type { Api } from '../../shared/contract';
import type { DemoMethodName, DemoTenantView } from '../../shared/contract/demo';
import { messageOf } from './error-message';

export type DemoApi = Pick<Api, DemoMethodName>;

/** The demo.* methods that answer the tenant's new view and nothing else. */
export type ViewMethod = Exclude<
  DemoMethodName,
  'demo.get' | 'demo.addSecret' | 'demo.breakStep' | 'demo.fixStep'
>;
export type StepInput = Parameters<DemoApi['demo.breakStep']>[0];

const NOT_READ = 'The demo tenant could not be read.';
const NOT_CHANGED = 'The demo tenant was not changed.';

/** What Reset demo tenant did, said once it is done (what it leaves alone too). */
export const RESET_DONE =
  'Demo tenant reset: app registrations, client secrets, users, mailboxes, organisation switches, the propagation delay, faults and limits are back to how the demo starts. This app’s own settings are unchanged.';

export interface DemoTenantState {
  view?: DemoTenantView;
  phase: 'idle' | 'loading' | 'ready' | 'load-failed';
  /** A change is on its way: controls wait for its answer. */
  busy: boolean;
  error?: string;
  /** A new secret's value, shown once (as the portal does) until dismissed. */
  newSecret?: { clientId: string; value: string; expiresAt: string };
  /** What the last break or fix of a walkthrough step did, by the step's key. */
  stepNotes: Record<string, string>;
  /** A change that worked and says so, e.g. after Reset demo tenant. */
  notice?: string;
  load(): Promise<void>;
  change<M extends ViewMethod>(method: M, input: Parameters<DemoApi[M]>[0]): Promise<void>;
  /** Back to the seed, then says so. */
  reset(): Promise<void>;
  addSecret(input: Parameters<DemoApi['demo.addSecret']>[0]): Promise<void>;
  breakOrFix(mode: 'break' | 'fix', stepKey: string, input: StepInput): Promise<void>;
  dismissSecret(): void;
  dismissError(): void;
  dismissNotice(): void;
}

/** The Demo tenant procedure's state, and the walkthrough's Break/Fix buttons, over demo.*. */
export function createDemoTenantStore(api: DemoApi) {
  return createStore<DemoTenantState>((set, get) => {
    /** Runs one call that answers a new view; a refusal leaves the shown view as it was. */
    const run = async <T>(
      call: () => Promise<T>,
      done: (answer: T) => Partial<DemoTenantState>,
    ) => {
      set({ busy: true, error: undefined, notice: undefined });
      try {
        set(done(await call()));
      } catch (error) {
        set({ error: messageOf(error, NOT_CHANGED) });
      } finally {
        set({ busy: false });
      }
    };
    return {
      phase: 'idle',
      busy: false,
      stepNotes: {},
      async load() {
        set({ phase: get().view ? 'ready' : 'loading' });
        try {
          set({ view: await api['demo.get']({}), phase: 'ready', error: undefined });
        } catch (error) {
          set({ phase: 'load-failed', error: messageOf(error, NOT_READ) });
        }
      },
      change: (method, input) =>
        run(
          () => (api[method] as (i: typeof input) => Promise<DemoTenantView>)(input),
          (view) => ({ view }),
        ),
      reset: () =>
        run(
          () => api['demo.reset']({}),
          // The new secret and the broken steps are undone too: their lines would mislead.
          (view) => ({ view, notice: RESET_DONE, newSecret: undefined, stepNotes: {} }),
        ),
      addSecret: (input) =>
        run(
          () => api['demo.addSecret'](input),
          ({ view, secret }) => ({ view, newSecret: { clientId: input.clientId, ...secret } }),
        ),
      breakOrFix: (mode, stepKey, input) =>
        run(
          () => api[mode === 'break' ? 'demo.breakStep' : 'demo.fixStep'](input),
          ({ view, message }) => ({ view, stepNotes: { ...get().stepNotes, [stepKey]: message } }),
        ),
      dismissSecret: () => set({ newSecret: undefined }),
      dismissError: () => set({ error: undefined }),
      dismissNotice: () => set({ notice: undefined }),
    };
  });
}
