import { systemShortNames } from '../../../../shared/settings/system-rows';
import type { CheckRunState } from '../../../stores/check-run';
import { DIALOG_PREFIX } from '../../../check/dialog-fields';
import { withDelivery } from '../../../check/with-delivery';

/** Neutral: the run ended without a verdict (cancelled, or composed in the mail client). */
export type ResultTone = 'none' | 'ok' | 'failed' | 'neutral';

export interface ResultText {
  lines: string[];
  tone: ResultTone;
}

/**
 * What the Result box shows for a finished run: main's lines as they are (the first is "OK!" on
 * success). An invalid form lists its errors there, as the dialog's own errors show by their fields.
 */
export function resultText(
  state: Pick<CheckRunState, 'phase' | 'result' | 'error' | 'delivery'>,
): ResultText {
  if (state.phase !== 'finished') return { lines: [], tone: 'none' };
  if (state.error !== undefined) return { lines: [state.error], tone: 'failed' };
  if (!state.result) return { lines: [], tone: 'none' };
  // A bounce turns OK! into its diagnosis (FLOWS.md §11); what OK! said follows it.
  const result = withDelivery(state.result, state.delivery);
  if (result.outcome === 'ok') return { lines: result.lines, tone: 'ok' };
  if (result.outcome === 'cancelled')
    return { lines: result.lines.length > 0 ? result.lines : ['Cancelled'], tone: 'neutral' };
  if (result.outcome === 'unsupported' || result.outcome === 'composed')
    return { lines: result.lines, tone: 'neutral' };
  if (result.outcome === 'invalid' && result.lines.length === 0) {
    const formErrors = (result.errors ?? []).filter((e) => !e.field.startsWith(DIALOG_PREFIX));
    return {
      lines: formErrors.map((e) => `${systemShortNames.get(e.field) ?? e.field}: ${e.message}`),
      tone: 'failed',
    };
  }
  return { lines: result.lines, tone: 'failed' };
}
