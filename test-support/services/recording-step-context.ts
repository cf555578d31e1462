import type { CheckStep } from '../../shared/diagnosis/failure';
import type { StepContext } from '../../electron/services/mail/step-context';

export interface RecordedStep {
  name: CheckStep;
  outcome: 'done' | 'failed';
}

/** A StepContext outside a run engine: runs each step, records how it ended and what to conceal. */
export function recordingStepContext(signal: AbortSignal = new AbortController().signal) {
  const steps: RecordedStep[] = [];
  const concealed: string[] = [];
  const context: StepContext = {
    signal,
    conceal: (value) => void concealed.push(value),
    // Senders and readers are tested one request at a time; the engine's retries are tested there.
    retrying: (work) => work(),
    step: async (name, work) => {
      try {
        const value = await work();
        steps.push({ name, outcome: 'done' });
        return value;
      } catch (error) {
        steps.push({ name, outcome: 'failed' });
        throw error;
      }
    },
  };
  return { context, steps, concealed };
}
