import { createStore } from 'zustand/vanilla';
import type { Environment } from '../../shared/contract/environment';
import { formSlice } from './incoming/form-slice';
import { gridSlice } from './incoming/grid-slice';
import { stalenessSlice } from './incoming/staleness';
import type { IncomingSettingsApi, IncomingSettingsState } from './incoming/state';
import { validationSlice } from './incoming/validation-slice';
import { runSlice, type RunProgressSource } from './run-slice';

export interface IncomingStoreOptions {
  api: IncomingSettingsApi;
  progress: RunProgressSource;
  /** The locale the polling interval is shown in. */
  locale: string;
  /** Told after each validation run (a new Test log line per account). */
  onValidated?: () => void;
  /** The environment the checks talk to now; a result records it (validation-basis.ts). */
  environment?: () => Environment | undefined;
  newId?: () => string;
}

/** Settings for incoming e-mail: the slices in ./incoming composed into one store. */
export function createIncomingSettingsStore(options: IncomingStoreOptions) {
  const { api, progress, locale } = options;
  const newId = options.newId ?? (() => globalThis.crypto.randomUUID());

  return createStore<IncomingSettingsState>((set, get, store) => {
    const runs = runSlice<IncomingSettingsState>(set, get, { api, progress, newRunId: newId });
    const { environment, onValidated } = options;
    return {
      ...formSlice(api, locale)(set, get, store),
      ...gridSlice(newId)(set, get, store),
      ...stalenessSlice(set, get, store),
      ...runs.state,
      ...validationSlice({ api, runs, environment, onValidated })(set, get, store),
    };
  });
}

export type IncomingSettingsStore = ReturnType<typeof createIncomingSettingsStore>;
