import type { DiagnosisEntry } from './entry';
import { isEwsStep } from './matchers';

/** Refusals that may pass by themselves: a change still propagating, a busy service. */
export const transientDiagnoses: DiagnosisEntry[] = [
  {
    id: 'propagation-delay',
    symptom: 'HTTP 403 shortly after setup',
    matches: (f) => isEwsStep(f) && f.httpStatus === 403,
    meaning:
      'Exchange Online refused the request. Shortly after a change in the Azure Portal this is normal: tenant changes take a while to propagate.',
    fix: 'Wait a few minutes and press Test again (the check already retried a few times). If it persists, check admin consent.',
    setupSteps: [
      { part: 'password', steps: [14, 15], title: 'Admin consent granted (green icon)' },
      { part: 'client-secret', steps: [15, 16], title: 'Admin consent granted (green icon)' },
    ],
    retryable: true,
  },
  {
    id: 'throttled',
    symptom: 'HTTP 429 / 503',
    matches: (f) => f.httpStatus === 429 || f.httpStatus === 503,
    meaning: 'The service is busy or throttling this client.',
    fix: 'Wait the time the service asked for and test again.',
    setupSteps: [],
  },
];
