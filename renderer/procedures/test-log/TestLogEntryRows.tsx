import { useId, useState } from 'react';
import { stepNames } from '../../../shared/diagnosis/failure';
import {
  MICROSOFT_CORRELATION_ID_LABEL,
  MICROSOFT_REQUEST_ID_LABEL,
  RUN_ID_LABEL,
} from '../../../shared/diagnosis/run-ids';
import { resultGroup, throttlingHeld, type TestLogEntry } from '../../../shared/contract/test-log';
import { environmentLabels } from '../../../shared/contract/environment';
import { formatDuration, partiesOf, procedureLabels, resultOf, testedOf } from './format';

export const COLUMN_COUNT = 11;

interface EntryLineProps {
  entry: TestLogEntry;
  expanded: boolean;
  /** The id of the details' row, while it is shown. */
  detailsId: string;
  onToggle(): void;
}

/** An address that may wrap after its "@" and its dots, never inside a name. */
function Breakable({ text }: { text: string }) {
  return text.split(/(?<=[@.])/).map((part, index) => (
    <span key={index}>
      {index > 0 && <wbr />}
      {part}
    </span>
  ));
}

/** The run's line: the expand button, when, where, what was tested, who, the verdict, how long. */
function EntryLine({ entry, expanded, detailsId, onToggle }: EntryLineProps) {
  const time = new Date(entry.time);
  const result = resultOf(entry);
  const tested = testedOf(entry);
  return (
    <tr>
      <td>
        <button
          type="button"
          className="expand"
          aria-expanded={expanded}
          aria-controls={expanded ? detailsId : undefined}
          aria-label={`Details of ${time.toLocaleString()}`}
          onClick={onToggle}
        >
          {expanded ? '▾' : '▸'}
        </button>
      </td>
      <td>
        <time dateTime={entry.time} className="nowrap">
          <span className="line">{time.toLocaleDateString()}</span>{' '}
          <span className="line">{time.toLocaleTimeString()}</span>
        </time>
      </td>
      <td className="result-cell">
        <span className="verdict">{result.verdict}</span>
        {result.code && <span className="code">{result.code}</span>}
      </td>
      <td>
        <span className="line">{environmentLabels[entry.environment]}</span>{' '}
        <span className="line">{procedureLabels[entry.procedure]}</span>
      </td>
      <td>{tested.method}</td>
      <td>{tested.api}</td>
      <td>{tested.flow}</td>
      <td>
        <Breakable text={tested.server} />
      </td>
      <td>
        <Breakable text={tested.account} />
      </td>
      <td>
        {partiesOf(entry).map((line) => (
          <span key={line} className="line">
            <Breakable text={line} />{' '}
          </span>
        ))}
      </td>
      <td className="duration">{formatDuration(entry.durationMs)}</td>
    </tr>
  );
}

/** The ids to quote: the app's Run id to this app's support, Microsoft's to Microsoft's. */
function RunIds({ entry }: { entry: TestLogEntry }) {
  const ids = [
    [RUN_ID_LABEL, entry.runId],
    [MICROSOFT_CORRELATION_ID_LABEL, entry.correlationId],
    [MICROSOFT_REQUEST_ID_LABEL, entry.requestId],
  ].filter((pair): pair is [string, string] => pair[1] !== undefined);
  if (ids.length === 0) return null;
  return (
    <dl className="run-ids" aria-label="Ids for support">
      {ids.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Details({ entry, id }: { entry: TestLogEntry; id: string }) {
  return (
    <tr className="steps-row" id={id}>
      <td />
      <td colSpan={COLUMN_COUNT - 1}>
        <RunIds entry={entry} />
        <ol className="step-timings" aria-label="Step timings">
          {entry.steps.map((s, index) => (
            <li key={index} className={s.ok ? 'ok' : 'failed'}>
              <span>{stepNames[s.step]}</span>
              <span>{s.ok ? 'OK' : 'failed'}</span>
              <span className="duration">{formatDuration(s.ms)}</span>
            </li>
          ))}
        </ol>
        {entry.delivery && (
          <ul className="delivery-lines" aria-label="Delivery">
            {entry.delivery.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

/** One run: its line, its summary and, expanded, its ids, step timings and delivery lines. */
export function TestLogEntryRows({ entry }: { entry: TestLogEntry }) {
  const [expanded, setExpanded] = useState(false);
  const id = useId();
  return (
    <tbody className={`test-log-entry ${resultGroup(entry)}`}>
      <EntryLine
        entry={entry}
        expanded={expanded}
        detailsId={id}
        onToggle={() => setExpanded(!expanded)}
      />
      <tr className="summary-row">
        <td />
        <td colSpan={COLUMN_COUNT - 1} className="summary">
          {entry.summary}
          {entry.throttledMs ? ` (${throttlingHeld(entry.throttledMs)})` : ''}
        </td>
      </tr>
      {expanded && <Details entry={entry} id={id} />}
    </tbody>
  );
}
