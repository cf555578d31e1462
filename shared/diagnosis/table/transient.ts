import type { DiagnosisEntry } from './entry';
import { isEwsStep } from './matchers';

/** Filled in from the facts' throttleWait by `describeFailure`. */
export const ASKED = '<asked>';
export const WAITED = '<waited>';
export const BOUND = '<bound>';

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
    id: 'throttle-wait-bound',
    symptom: 'HTTP 429 / 503 or ErrorServerBusy, longer than the app waits',
    matches: (f) => f.throttleWait !== undefined,
    meaning: `Microsoft is throttling this app. Waiting another ${ASKED} s on top of the ${WAITED} s already waited would pass the ${BOUND} s the app waits on throttling in all, so it stopped.`,
    fix: 'Nothing is wrong with the settings: try again in a few minutes. If it happens often, another program uses the same app registration at the same time and shares its limits (Microsoft Graph: 4 requests at once and 10,000 per 10 minutes per mailbox; EWS: the throttling policy of Exchange Online); run them at different times or give each its own app registration.',
    setupSteps: [],
  },
  {
    id: 'throttled',
    symptom: 'HTTP 429 / 503, ErrorServerBusy',
    matches: (f) => f.httpStatus === 429 || f.httpStatus === 503 || f.ewsCode === 'ErrorServerBusy',
    meaning: 'The service is busy or throttling this client.',
    fix: 'Wait the time the service asked for and test again.',
    setupSteps: [],
  },
];
