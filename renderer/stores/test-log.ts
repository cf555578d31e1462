import { createStore } from 'zustand/vanilla';
import type { Api } from '../../shared/contract';
import { messageOf } from './error-message';
import type { TestLogEntry, TestLogFilter } from '../../shared/contract/test-log';

const NOT_READ = 'The Test log could not be read.';
const NO_BUNDLE = 'The support bundle could not be made.';

export type TestLogApi = Pick<Api, 'testLog.list' | 'testLog.export' | 'support.exportBundle'>;

/** A file to save: its name and its JSON text. */
export interface ExportFile {
  fileName: string;
  json: string;
}

export interface TestLogState {
  phase: 'idle' | 'loading' | 'ready' | 'load-failed';
  filter: TestLogFilter;
  /** Newest first, as main answers them. */
  entries: TestLogEntry[];
  error?: string;
  refresh(): Promise<void>;
  setFilter(filter: TestLogFilter): Promise<void>;
  /** The filtered runs as JSON, and the file name to save them under. */
  exportJson(): Promise<ExportFile | undefined>;
  /** The support bundle (settings without secrets, the Test log, the app log's end). */
  exportSupportBundle(): Promise<ExportFile | undefined>;
  dismissError(): void;
}

/** The Test log procedure's data: the runs under the chosen result filter. */
export function createTestLogStore(api: TestLogApi) {
  // Only the newest request may write the list, so a slow answer never overwrites a newer filter.
  let latest = 0;
  return createStore<TestLogState>((set, get) => ({
    phase: 'idle',
    filter: 'all',
    entries: [],
    async refresh() {
      const request = ++latest;
      const { filter } = get();
      set((s) => ({ phase: s.phase === 'ready' ? 'ready' : 'loading', error: undefined }));
      try {
        const { entries } = await api['testLog.list']({ result: filter });
        if (request === latest) set({ phase: 'ready', entries });
      } catch (error) {
        if (request === latest) set({ phase: 'load-failed', error: messageOf(error, NOT_READ) });
      }
    },
    async setFilter(filter) {
      set({ filter });
      await get().refresh();
    },
    async exportJson() {
      try {
        return await api['testLog.export']({ result: get().filter });
      } catch (error) {
        set({ error: messageOf(error, NOT_READ) });
        return undefined;
      }
    },
    async exportSupportBundle() {
      try {
        return await api['support.exportBundle']({});
      } catch (error) {
        set({ error: messageOf(error, NO_BUNDLE) });
        return undefined;
      }
    },
    dismissError() {
      set({ error: undefined });
    },
  }));
}
