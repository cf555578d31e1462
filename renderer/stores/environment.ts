import { createStore } from 'zustand/vanilla';
import type { Api } from '../../shared/contract';
import type { Environment, EnvironmentView } from '../../shared/contract/environment';
import { messageOf } from './error-message';

const NOT_CHANGED = 'The environment could not be changed.';

export type EnvironmentApi = Pick<Api, 'environment.get' | 'environment.set'>;

export interface EnvironmentState {
  view?: EnvironmentView;
  switching: boolean;
  error?: string;
  load(): Promise<void>;
  switchTo(environment: Environment): Promise<void>;
  dismissError(): void;
}

/** Which tenant the checks talk to (Demo or Microsoft 365), for the badge and the switch. */
export function createEnvironmentStore(api: EnvironmentApi) {
  return createStore<EnvironmentState>((set, get) => ({
    switching: false,
    async load() {
      try {
        set({ view: await api['environment.get']({}), error: undefined });
      } catch (error) {
        set({ error: messageOf(error, NOT_CHANGED) });
      }
    },
    async switchTo(environment) {
      if (get().switching || get().view?.environment === environment) return;
      set({ switching: true, error: undefined });
      try {
        set({ view: await api['environment.set']({ environment }) });
      } catch (error) {
        set({ error: messageOf(error, NOT_CHANGED) });
      } finally {
        set({ switching: false });
      }
    },
    dismissError() {
      set({ error: undefined });
    },
  }));
}
