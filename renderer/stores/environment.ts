import { createStore } from 'zustand/vanilla';
import type { Api } from '../../shared/contract';
import type { DemoValues, Environment, EnvironmentView } from '../../shared/contract/environment';
import { messageOf } from './error-message';

const NOT_CHANGED = 'The environment could not be changed.';
const NOT_READ = 'Which demo values are still saved could not be read.';

export type EnvironmentApi = Pick<
  Api,
  'environment.get' | 'environment.set' | 'environment.demoValues' | 'environment.clearDemoValues'
>;

export interface EnvironmentState {
  view?: EnvironmentView;
  switching: boolean;
  error?: string;
  /** The demo's values still saved, asked for when a switch to Microsoft 365 is to be confirmed. */
  demoValues?: DemoValues;
  /** Why they could not be read (e.g. the keychain is locked); nothing can be cleared then. */
  demoValuesError?: string;
  /** What the last clearing cleared, shown until dismissed. */
  cleared?: DemoValues;
  load(): Promise<void>;
  switchTo(environment: Environment): Promise<void>;
  findDemoValues(): Promise<void>;
  /** Clears the demo's values and switches to Microsoft 365 in one save; answers whether it did. */
  clearDemoValues(): Promise<boolean>;
  dismissError(): void;
  dismissCleared(): void;
}

/** Which tenant the checks talk to (Demo or Microsoft 365), for the badge and the switch. */
export function createEnvironmentStore(api: EnvironmentApi) {
  return createStore<EnvironmentState>((set, get) => {
    /** One switch at a time; a failure is kept in `error` and leaves the environment as it was. */
    const switching = async (work: () => Promise<void>): Promise<boolean> => {
      if (get().switching) return false;
      set({ switching: true, error: undefined });
      try {
        await work();
        return true;
      } catch (error) {
        set({ error: messageOf(error, NOT_CHANGED) });
        return false;
      } finally {
        set({ switching: false });
      }
    };
    return {
      switching: false,
      async load() {
        try {
          set({ view: await api['environment.get']({}), error: undefined });
        } catch (error) {
          set({ error: messageOf(error, NOT_CHANGED) });
        }
      },
      async switchTo(environment) {
        if (get().view?.environment === environment) return;
        await switching(async () => set({ view: await api['environment.set']({ environment }) }));
      },
      async findDemoValues() {
        set({ demoValues: undefined, demoValuesError: undefined });
        try {
          set({ demoValues: await api['environment.demoValues']({}) });
        } catch (error) {
          set({ demoValuesError: messageOf(error, NOT_READ) });
        }
      },
      clearDemoValues: () =>
        switching(async () => {
          const { view, cleared } = await api['environment.clearDemoValues']({});
          set({ view, cleared });
        }),
      dismissError() {
        set({ error: undefined });
      },
      dismissCleared() {
        set({ cleared: undefined });
      },
    };
  });
}
