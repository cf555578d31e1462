import { stepNames, type FailureFacts } from './failure';
import { defaultHostOf, HOST_PLACEHOLDER, networkServiceOf } from './network';
import {
  CLIENT_ID_PLACEHOLDER,
  diagnosisTable,
  type DiagnosisEntry,
  type SetupStepRef,
} from './table';
import {
  ISSUER_PLACEHOLDER,
  PROXY_PLACEHOLDER,
  PROXY_SOURCE_PLACEHOLDER,
  TARGET_PLACEHOLDER,
} from './table/proxy';
import { ASKED, BOUND, WAITED } from './table/transient';
import { MICROSOFT_CORRELATION_ID_LABEL, MICROSOFT_REQUEST_ID_LABEL } from './run-ids';

const partNames: Record<SetupStepRef['part'], string> = {
  password: 'Azure Portal setup (User name & password)',
  'client-secret': 'Azure Portal setup (Client secret)',
  limitations: 'Guide, Limitations',
  app: 'System settings',
  'ews-access': 'Walkthrough, EWS access in Exchange Online (beyond the guide)',
  graph: 'Walkthrough, Microsoft Graph (beyond the guide)',
  'limit-mailboxes': 'Walkthrough, Limit the app to some mailboxes (beyond the guide)',
  smtp: 'System settings',
  incoming: 'Settings for incoming e-mail',
};

/** The procedure a failure is shown on: its links go to the settings of that screen. */
export type FailureScreen = 'system-settings' | 'incoming-mail';

/** The screen whose settings a setup reference names; undefined for the guide's Azure steps. */
const screenOf = (part: SetupStepRef['part']): FailureScreen | undefined =>
  part === 'incoming' ? 'incoming-mail' : isRowsPart(part) ? 'system-settings' : undefined;

/** Parts whose numbers are System settings rows, which apply to either flow. */
const isRowsPart = (part: SetupStepRef['part']) => part === 'app' || part === 'smtp';

export const formatSetupStep = (ref: SetupStepRef): string => {
  if (ref.steps.length === 0) return `${partNames[ref.part]}: ${ref.title}`;
  const noun = isRowsPart(ref.part) ? 'row' : 'step';
  const first = ref.steps[0];
  const last = ref.steps[ref.steps.length - 1];
  const span = ref.steps.length === 1 ? `${first}` : `${first}–${last}`;
  return `${partNames[ref.part]}, ${noun}${ref.steps.length > 1 ? 's' : ''} ${span}: ${ref.title}`;
};

/** The first table entry that explains the failure, if any. */
export const diagnose = (facts: FailureFacts): DiagnosisEntry | undefined =>
  diagnosisTable.find((entry) => entry.matches(facts));

/**
 * The entry's setup steps that apply to the flow (all of them when none does, or no flow is
 * given) and, when the entry names settings on the screen the failure is shown on, only those.
 */
export function setupStepsFor(
  entry: Pick<DiagnosisEntry, 'setupSteps'>,
  flow?: 'password' | 'client-secret',
  screen?: FailureScreen,
): SetupStepRef[] {
  const forFlow = entry.setupSteps.filter(
    (s) =>
      flow === undefined ||
      s.part === flow ||
      (screenOf(s.part) !== undefined && (s.flow === undefined || s.flow === flow)) ||
      s.part === 'limitations',
  );
  const steps = forFlow.length > 0 ? forFlow : entry.setupSteps;
  if (!screen || !steps.some((s) => screenOf(s.part) === screen)) return steps;
  return steps.filter((s) => (screenOf(s.part) ?? screen) === screen);
}

/** A row's text with the facts in place of its placeholders (client ID, host, proxy, issuer). */
function fillIn(text: string, facts: FailureFacts, clientId: string | undefined): string {
  const host = facts.host ?? defaultHostOf(networkServiceOf(facts.step));
  const { proxy, certificate, throttleWait: wait } = facts;
  const values: [string, string | undefined][] = [
    [CLIENT_ID_PLACEHOLDER, clientId],
    [HOST_PLACEHOLDER, host],
    [PROXY_PLACEHOLDER, proxy?.proxy],
    [PROXY_SOURCE_PLACEHOLDER, proxy?.source],
    [TARGET_PLACEHOLDER, proxy?.target ?? host],
    ['<schemes>', proxy?.schemes?.length ? proxy.schemes.join(', ') : 'a scheme it did not name'],
    [ISSUER_PLACEHOLDER, certificate?.issuer],
    [ASKED, wait && String(wait.askedSeconds)],
    [WAITED, wait && String(wait.waitedSeconds)],
    [BOUND, wait && String(wait.boundSeconds)],
  ];
  return values.reduce((t, [mark, value]) => (value ? t.replaceAll(mark, value) : t), text);
}

/** The raw code as support would quote it: AADSTS number, HTTP status, EWS or Graph code, policy header, SMTP reply. */
export const rawCode = (facts: FailureFacts): string => {
  const parts: string[] = [];
  if (facts.aadsts !== undefined) parts.push(`AADSTS${facts.aadsts}`);
  if (facts.oauthError) parts.push(facts.oauthError);
  if (facts.httpStatus !== undefined) parts.push(`HTTP ${facts.httpStatus}`);
  if (facts.ewsCode) parts.push(facts.ewsCode);
  if (facts.graphCode) parts.push(facts.graphCode);
  if (facts.ewsPolicyReason) parts.push(`X-EWS-Policy-Reason: ${facts.ewsPolicyReason}`);
  if (facts.msDiagnostics) parts.push(`x-ms-diagnostics: ${facts.msDiagnostics}`);
  if (facts.smtpCode !== undefined)
    parts.push(['SMTP', facts.smtpCode, facts.smtpStatus].filter(Boolean).join(' '));
  if (facts.network) parts.push(`network: ${facts.network}`);
  if (facts.proxy)
    parts.push(`proxy: ${facts.proxy.kind}${facts.proxy.status ? ` ${facts.proxy.status}` : ''}`);
  if (facts.certificate?.code) parts.push(facts.certificate.code);
  if (facts.appCode) parts.push(facts.appCode);
  if (facts.keychain) parts.push(`keychain: ${facts.keychain}`);
  if (facts.dsn) parts.push(`DSN ${facts.dsn.status} (${facts.dsn.action})`);
  return parts.join(', ') || 'no code';
};

/** The matching row's meaning and fix with the facts filled in, or undefined when none matches. */
export function explainFailure(
  facts: FailureFacts,
  clientId?: string,
): { entry: DiagnosisEntry; meaning: string; fix: string } | { entry: undefined } {
  const entry = diagnose(facts);
  if (!entry) return { entry };
  return {
    entry,
    meaning: fillIn(entry.meaning, facts, clientId),
    fix: fillIn(entry.fix, facts, clientId),
  };
}

/**
 * The Result box's text for a failure: the failed step, the raw code and message, what it
 * means, the setup step that fixes it, and the id to quote in a support ticket.
 */
export function describeFailure(
  facts: FailureFacts,
  flow?: 'password' | 'client-secret',
  /** The form's Application (client) ID, filled into the commands a fix gives. */
  clientId?: string,
  /** Where the failure is shown, so a fix names the settings of that screen. */
  screen: FailureScreen = 'system-settings',
): string[] {
  const explained = explainFailure(facts, clientId);
  const lines = [
    `Failed: ${stepNames[facts.step]}${facts.host ? ` (${facts.host})` : ''}`,
    `Code: ${rawCode(facts)}`,
    `Message: ${facts.message}`,
    ...(facts.route ? [`Route: ${facts.route}`] : []),
  ];
  if (explained.entry) {
    lines.push(`Meaning: ${explained.meaning}`, `Fix: ${explained.fix}`);
    for (const step of setupStepsFor(explained.entry, flow, screen))
      lines.push(`Setup step: ${formatSetupStep(step)}`);
  } else {
    lines.push(
      'Meaning: This error is not in the list of known setup problems.',
      'Fix: Search the code above in Microsoft’s documentation, or send these details to support.',
    );
  }
  if (facts.retryAfterSeconds !== undefined)
    lines.push(`Retry after: ${facts.retryAfterSeconds} s`);
  if (facts.correlationId) lines.push(`${MICROSOFT_CORRELATION_ID_LABEL}: ${facts.correlationId}`);
  if (facts.requestId && facts.requestId !== facts.correlationId)
    lines.push(`${MICROSOFT_REQUEST_ID_LABEL}: ${facts.requestId}`);
  return lines;
}
