import type { CheckResult } from '../../shared/contract/check';
import type { DeliveryProgress } from '../../shared/contract/runs';

/**
 * A Test's result with what following its message found (FLOWS.md §11): the delivery lines after
 * `OK!`, or a bounce in OK!'s place, its diagnosis first and what OK! said after it.
 */
export function withDelivery(
  result: CheckResult,
  delivery: DeliveryProgress | undefined,
): CheckResult {
  if (result.outcome !== 'ok' || delivery?.runId !== result.runId) return result;
  const { bounce } = delivery;
  if (!bounce) return { ...result, lines: [...result.lines, ...delivery.lines] };
  return {
    ...result,
    ok: false,
    outcome: 'failed',
    diagnosisId: bounce.diagnosisId,
    lines: [...bounce.lines, '', ...result.lines.slice(1), ...delivery.lines],
  };
}
