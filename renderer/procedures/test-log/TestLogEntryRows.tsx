import { useId, useState } from 'react';
import { stepNames } from '../../../shared/diagnosis/failure';
import type { TestLogEntry } from '../../../shared/contract/test-log';
import { environmentLabels } from '../../../shared/contract/environment';
import { flowLabel, formatDuration, partiesOf, procedureLabels, resultOf } from './format';

export const COLUMN_COUNT = 8;

interface EntryLineProps {
  entry: TestLogEntry;
  expanded: boolean;
  /** The id of the step timings' row, while it is shown. */
  stepsId: string;
  onToggle(): void;
}

/** The run's line: the expand button, when, where, what, who, the verdict and how long. */
function EntryLine({ entry, expanded, stepsId, onToggle }: EntryLineProps) {
  const time = new Date(entry.time);
  const result = resultOf(entry);
  return (
    <tr>
      <td>
        <button
          type="button"
          className="expand"
          aria-expanded={expanded}
          aria-controls={expanded ? stepsId : undefined}
          aria-label={`Step timings of ${time.toLocaleString()}`}
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
      <td>{environmentLabels[entry.environment]}</td>
      <td>{procedureLabels[entry.procedure]}</td>
      <td className="nowrap">{flowLabel(entry.flow)}</td>
      <td className="parties">
        {partiesOf(entry).map((line) => (
          <span key={line} className="line">
            {line}{' '}
          </span>
        ))}
      </td>
      <td className="result-cell">
        <span className="verdict">{result.verdict}</span>
        {result.code && <span className="code">{result.code}</span>}
      </td>
      <td className="duration">{formatDuration(entry.durationMs)}</td>
    </tr>
  );
}

function StepTimings({ entry, id }: { entry: TestLogEntry; id: string }) {
  return (
    <tr className="steps-row" id={id}>
      <td />
      <td colSpan={COLUMN_COUNT - 1}>
        <ol className="step-timings" aria-label="Step timings">
          {entry.steps.map((s, index) => (
            <li key={index} className={s.ok ? 'ok' : 'failed'}>
              <span>{stepNames[s.step]}</span>
              <span>{s.ok ? 'OK' : 'failed'}</span>
              <span className="duration">{formatDuration(s.ms)}</span>
            </li>
          ))}
        </ol>
      </td>
    </tr>
  );
}

/** One run: its line, its summary and, expanded, its step timings. */
export function TestLogEntryRows({ entry }: { entry: TestLogEntry }) {
  const [expanded, setExpanded] = useState(false);
  const id = useId();
  return (
    <tbody className={`test-log-entry ${entry.ok ? 'ok' : 'failed'}`}>
      <EntryLine
        entry={entry}
        expanded={expanded}
        stepsId={id}
        onToggle={() => setExpanded(!expanded)}
      />
      <tr className="summary-row">
        <td />
        <td colSpan={COLUMN_COUNT - 1} className="summary">
          {entry.summary}
        </td>
      </tr>
      {expanded && <StepTimings entry={entry} id={id} />}
    </tbody>
  );
}
