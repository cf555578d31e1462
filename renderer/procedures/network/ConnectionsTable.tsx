import type { ReactNode } from 'react';
import type { ConnectionRow } from '../../../shared/contract/network';
import { resultText, tlsText } from './connection-text';

interface ConnectionsTableProps {
  rows: ConnectionRow[];
  /** The links to the walkthrough steps that fix a diagnosis, if it names any. */
  fixLinks?(diagnosisId: string): ReactNode;
}

function ResultCell({
  row,
  fixLinks,
}: { row: ConnectionRow } & Pick<ConnectionsTableProps, 'fixLinks'>) {
  return (
    <td className={row.ok ? 'connection-ok' : 'connection-failed'}>
      <span className="connection-result">{resultText(row)}</span>
      {!row.ok && row.fix && <p className="connection-fix">{row.fix}</p>}
      {!row.ok && row.diagnosisId && fixLinks?.(row.diagnosisId)}
    </td>
  );
}

/** Check connections' answer: one row per host the saved settings use. */
export function ConnectionsTable({ rows, fixLinks }: ConnectionsTableProps) {
  if (rows.length === 0)
    return <p className="placeholder">The saved settings use no hosts to check.</p>;
  return (
    <div className="connections-table-wrap">
      <table className="connections-table" aria-label="Connections">
        <thead>
          <tr>
            <th scope="col">Host</th>
            <th scope="col">Route</th>
            <th scope="col">TLS</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.service}:${row.host}`}>
              <th scope="row" className="connection-host">
                {row.host}
              </th>
              <td>{row.route}</td>
              <td>{tlsText(row.tls)}</td>
              <ResultCell row={row} fixLinks={fixLinks} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
