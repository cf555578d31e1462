import { useEffect } from 'react';
import { useStore } from 'zustand';
import {
  testLogFilters,
  type TestLogEntry,
  type TestLogFilter,
} from '../../../shared/contract/test-log';
import { Banner } from '../../components/Banner';
import { testLogStore } from '../../stores/instances';
import type { ExportFile } from '../../stores/test-log';
import { downloadText } from './download';
import { TestLogEntryRows } from './TestLogEntryRows';

const filterLabels: Record<TestLogFilter, string> = {
  all: 'All',
  ok: 'OK',
  failed: 'Failed',
  other: 'Neither (composed, cancelled, not tested)',
};

const save = async (made: Promise<ExportFile | undefined>) => {
  const file = await made;
  if (file) downloadText(file.fileName, file.json);
};

/** Result filter, Refresh and the two exports. */
function TestLogToolbar() {
  const { filter, entries, refresh, setFilter, exportJson, exportSupportBundle } =
    useStore(testLogStore);
  return (
    <div className="toolbar" role="toolbar" aria-label="Test log">
      <label htmlFor="test-log-filter">Result filter</label>
      <select
        id="test-log-filter"
        className="control select"
        value={filter}
        onChange={(e) => void setFilter(e.target.value as TestLogFilter)}
      >
        {testLogFilters.map((f) => (
          <option key={f} value={f}>
            {filterLabels[f]}
          </option>
        ))}
      </select>
      <button type="button" className="button" onClick={() => void refresh()}>
        Refresh
      </button>
      <button
        type="button"
        className="button"
        disabled={entries.length === 0}
        onClick={() => void save(exportJson())}
      >
        Export JSON
      </button>
      <button type="button" className="button" onClick={() => void save(exportSupportBundle())}>
        Export support bundle
      </button>
    </div>
  );
}

function TestLogTable({ entries }: { entries: TestLogEntry[] }) {
  return (
    <div className="test-log-table-wrap">
      <table className="test-log-table" aria-label="Test runs, newest first">
        <thead>
          <tr>
            <th>
              <span className="visually-hidden">Details</span>
            </th>
            <th>Time</th>
            <th>Result</th>
            <th>Environment, procedure</th>
            <th>E-mail method</th>
            <th>API</th>
            <th>Flow</th>
            <th>Server</th>
            <th>Account</th>
            <th>Sender → recipient or mailbox</th>
            <th>Duration</th>
          </tr>
        </thead>
        {entries.map((entry) => (
          <TestLogEntryRows key={entry.id} entry={entry} />
        ))}
      </table>
    </div>
  );
}

/** The log as far as it is read: why it could not be, loading, empty, or its runs. */
function TestLogBody() {
  const { phase, filter, entries, error, refresh } = useStore(testLogStore);
  if (phase === 'load-failed')
    return (
      <div className="load-failed" role="alert">
        <p>The Test log could not be read: {error}</p>
        <button type="button" className="button" onClick={() => void refresh()}>
          Try again
        </button>
      </div>
    );
  if (phase !== 'ready') return <p className="placeholder">Loading the Test log…</p>;
  if (entries.length === 0)
    return (
      <p className="placeholder empty-log">
        {filter === 'all'
          ? 'No tests have run yet. Use the green icon beside Server address in System settings to run one.'
          : `No runs match the filter "${filterLabels[filter]}".`}
      </p>
    );
  return <TestLogTable entries={entries} />;
}

/** The Test log procedure: every test and validation run, newest first. */
export function TestLog() {
  const { phase, error, dismissError } = useStore(testLogStore);

  useEffect(() => {
    void testLogStore.getState().refresh();
  }, []);

  return (
    <div className="procedure test-log">
      <header className="procedure-header">
        <h1>Test log</h1>
        <TestLogToolbar />
      </header>
      <div className="banners">
        {error && phase !== 'load-failed' && (
          <Banner kind="alert" message={error} onDismiss={dismissError} />
        )}
      </div>
      <TestLogBody />
    </div>
  );
}
