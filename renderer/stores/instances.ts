import { api } from '../transport/api';
import { createCheckRunStore } from './check-run';
import { createDemoTenantStore } from './demo-tenant';
import { createEnvironmentStore } from './environment';
import { createIncomingSettingsStore } from './incoming-settings';
import { createMailApiChoiceStore } from './mail-api-choice';
import { createNetworkSettingsStore } from './network-settings';
import { createSystemSettingsStore } from './system-settings';
import { createTestLogStore } from './test-log';
import { createWalkthroughStore } from './walkthrough';

/** The app's store instances, wired to the real api; tests build their own from the factories. */
export const systemSettingsStore = createSystemSettingsStore(api);
export const environmentStore = createEnvironmentStore(api);
export const testLogStore = createTestLogStore(api);

// Each finished check and each validated account is a new Test log line; a log never opened
// loads when it is.
const refreshTestLog = () => {
  if (testLogStore.getState().phase !== 'idle') void testLogStore.getState().refresh();
};

const checkRun = () =>
  createCheckRunStore({
    api,
    progress: (listener) => api.on('run.progress', listener),
    onFinished: refreshTestLog,
  });

/** The green icon's test dialog. */
export const checkRunStore = checkRun();
export const incomingSettingsStore = createIncomingSettingsStore({
  api,
  progress: (listener) => api.on('run.progress', listener),
  locale: navigator.language,
  onValidated: refreshTestLog,
  environment: () => environmentStore.getState().view?.environment,
});

/** The Setup walkthrough's Check buttons run the green icon's test, beside the step that asks. */
export const walkthroughCheckStore = checkRun();
// Ticks outlive a reload and an app restart: the host keeps them in the settings file.
export const walkthroughStore = createWalkthroughStore(api);
// Like the ticks, the last Send through and Validate through are kept by the host.
export const mailApiChoiceStore = createMailApiChoiceStore(api);

/** The Demo tenant procedure and the walkthrough's Break/Fix buttons share the tenant's view. */
export const demoTenantStore = createDemoTenantStore(api);

/** The Network procedure: the proxy the app's connections use, and Check connections. */
export const networkSettingsStore = createNetworkSettingsStore(api);
