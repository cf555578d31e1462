import { api } from '../api';
import { createCheckRunStore } from './check-run';
import { createEnvironmentStore } from './environment';
import { createIncomingSettingsStore } from './incoming-settings';
import { createSystemSettingsStore } from './system-settings';
import { createTestLogStore } from './test-log';
import { createWalkthroughStore } from './walkthrough';

/** The app's store instances, wired to the real api; tests build their own from the factories. */
export const systemSettingsStore = createSystemSettingsStore(api);
export const environmentStore = createEnvironmentStore(api);
export const testLogStore = createTestLogStore(api);
export const checkRunStore = createCheckRunStore({
  api,
  progress: (listener) => api.on('check.progress', listener),
  // A finished run is a new Test log line; a log never opened loads when it is.
  onFinished: () => {
    if (testLogStore.getState().phase !== 'idle') void testLogStore.getState().refresh();
  },
});
export const incomingSettingsStore = createIncomingSettingsStore({
  api,
  progress: (listener) => api.on('incoming.progress', listener),
  locale: navigator.language,
  // Each validated account is a new Test log line.
  onValidated: () => {
    if (testLogStore.getState().phase !== 'idle') void testLogStore.getState().refresh();
  },
});

/** The Setup walkthrough's Check buttons run the green icon's test, beside the step that asks. */
export const walkthroughCheckStore = createCheckRunStore({
  api,
  progress: (listener) => api.on('check.progress', listener),
  onFinished: () => {
    if (testLogStore.getState().phase !== 'idle') void testLogStore.getState().refresh();
  },
});
export const walkthroughStore = createWalkthroughStore(window.sessionStorage);
