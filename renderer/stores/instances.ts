import { api } from '../api';
import { createSystemSettingsStore } from './system-settings';

/** The app's store instances, wired to the real api; tests build their own from the factories. */
export const systemSettingsStore = createSystemSettingsStore(api);
