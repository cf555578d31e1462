import type { DemoTenantView } from '../../../shared/contract/demo';
import {
  endpointLabels,
  faultAnswerNames,
  faultAnswers,
  LOWER_LIMITS_LABEL,
  type FaultAnswer,
} from '../../../shared/demo/switches';
import { choicesWith, useDemo } from './use-demo';

/** Added before each answer; 40 s is beyond the app's 30 s per-request time-out. */
const LATENCIES_MS = [0, 500, 2_000, 10_000, 40_000];
const latencyLabel = (ms: number) =>
  ms === 0 ? 'None' : ms < 1000 ? `${ms} ms` : `${ms / 1000} s`;

/** One endpoint's answer and latency. */
function FaultRow({ fault: f }: { fault: DemoTenantView['faults'][number] }) {
  const { busy, change } = useDemo();
  const set = (answer: FaultAnswer, latencyMs: number) =>
    void change('demo.setFault', { endpoint: f.endpoint, answer, latencyMs });
  return (
    <tr>
      <td>{endpointLabels[f.endpoint]}</td>
      <td>
        <select
          className="control select"
          aria-label={`Answer: ${endpointLabels[f.endpoint]}`}
          value={f.answer}
          disabled={busy}
          onChange={(e) => set(e.target.value as FaultAnswer, f.latencyMs)}
        >
          {faultAnswerNames.map((a) => (
            <option key={a} value={a}>
              {faultAnswers[a]}
            </option>
          ))}
        </select>
      </td>
      <td>
        <select
          className="control select"
          aria-label={`Latency: ${endpointLabels[f.endpoint]}`}
          value={f.latencyMs}
          disabled={busy}
          onChange={(e) => set(f.answer, Number(e.target.value))}
        >
          {choicesWith(LATENCIES_MS, f.latencyMs).map((ms) => (
            <option key={ms} value={ms}>
              {latencyLabel(ms)}
            </option>
          ))}
        </select>
      </td>
    </tr>
  );
}

/** Microsoft's throttling limits, lowered so that Validate all and Test are throttled live. */
function LowerLimits({ lowered }: { lowered: boolean }) {
  const { busy, change } = useDemo();
  return (
    <div className="demo-switches">
      <label className="demo-check">
        <input
          type="checkbox"
          checked={lowered}
          disabled={busy}
          onChange={(e) => void change('demo.lowerLimits', { on: e.target.checked })}
        />
        {LOWER_LIMITS_LABEL}
      </label>
    </div>
  );
}

/** Injected latency and 429/503 (or a dropped connection) per endpoint of the demo tenant. */
export function Faults({ view }: { view: DemoTenantView }) {
  return (
    <section className="demo-section" aria-labelledby="demo-faults-title">
      <h2 id="demo-faults-title">Faults</h2>
      <LowerLimits lowered={view.limitsLowered} />
      <div className="demo-table-wrap">
        <table className="demo-table" aria-label="Faults">
          <thead>
            <tr>
              <th>Endpoint</th>
              <th>Answer</th>
              <th>Latency</th>
            </tr>
          </thead>
          <tbody>
            {view.faults.map((f) => (
              <FaultRow key={f.endpoint} fault={f} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
