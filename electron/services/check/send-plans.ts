import type { CheckRunInput } from '../../../shared/contract/check';
import type { Environment } from '../../../shared/contract/environment';
import { EWS_END_DATE, hasEwsEnded } from '../../../shared/diagnosis/ews-retirement';
import type { FailureFacts } from '../../../shared/diagnosis/failure';
import type {
  EmailMethod,
  SystemSecretKey,
  SystemSettings,
} from '../../../shared/settings/system-settings';
import type { EnvironmentRuntime } from '../environment/environment';
import type { EwsConnection } from '../mail/ews/ews-client';
import { EwsSender } from '../mail/ews/ews-sender';
import type { ImapFollowEndpoint } from '../mail/imap/imap-tracker';
import { graphScopeFor } from '../mail/graph/graph-http';
import { GraphSender } from '../mail/graph/graph-sender';
import { MailClientSender, type OpenExternal } from '../mail/mail-client/mail-client-sender';
import type { SendReport } from '../mail/sender';
import type { OutgoingMessage } from '../mail/port';
import type { Run } from '../runs/run';
import type { Route } from '../network/route';
import { RunFailure } from '../mail/failure';
import type { StepRecorder } from '../runs/step-recorder';
import type { AcquiredToken } from '../tokens/token-broker';
import { smtpPlan } from './smtp-plan';

export interface PlanDeps {
  environment: EnvironmentRuntime;
  openExternal?: OpenExternal;
}

/** What one method's send needs: the validated settings, the secret it signs in with, the run. */
export interface SendRequest {
  input: CheckRunInput;
  settings: SystemSettings;
  secret: string | undefined;
  /** Another System secret the method needs (the client secret of an XOAUTH2 attempt). */
  secretOf(key: SystemSecretKey): Promise<string | undefined>;
  message: OutgoingMessage;
  run: Run;
  steps: StepRecorder;
  deps: PlanDeps;
}

/** What a method's send reports for the Result. */
export interface Sent {
  report: SendReport;
  /** Where the requests went: the environment and, in Demo, how the hosts were reached. */
  route: { environment: Environment; via?: string; network?: string };
  token?: AcquiredToken;
  /** Client based: the composed message, for the user to follow. */
  mailto?: string;
  /** How the message can be followed after `OK!` (FLOWS.md §11); absent for the mail client. */
  follow?: FollowPath;
}

/** What the following reads with: the send's own way in, or the SMTP account's IMAP. */
export type FollowPath =
  | { kind: 'graph'; route: Route }
  | { kind: 'ews'; connection: EwsConnection; appOnly: boolean }
  | { kind: 'imap'; endpoint: () => Promise<ImapFollowEndpoint> };

const ewsEndedFacts: FailureFacts = {
  step: 'send',
  appCode: 'ews-retired',
  message: `EWS in Exchange Online ended on ${EWS_END_DATE}; nothing was sent.`,
};

/** The token step: the route, then a token for the flow (ROPC or client credentials). */
function tokenStep({ input, settings: s, secret, run, steps, deps }: SendRequest, scope?: string) {
  return steps.step('token', async () => {
    const route = await deps.environment.route(s);
    const request = {
      route,
      flow: s.authFlow,
      clientId: s.clientId,
      serverAddress: s.serverAddress,
      userName: input.dialog.userName.trim(),
      secret: secret ?? '',
      scope,
    };
    const token = await steps.retrying(() => run.token(request));
    return { route, token };
  });
}

/** FLOWS.md §9: the same app registration, a token for Microsoft Graph, then sendMail. */
async function viaGraph(request: SendRequest): Promise<Sent> {
  const scope = graphScopeFor(request.settings.authFlow, 'send');
  const { route, token } = await tokenStep(request, scope);
  const sender = new GraphSender({ route, accessToken: token.accessToken });
  const report = await sender.send(request.message, request.steps);
  return { report, route, token, follow: { kind: 'graph', route } };
}

/** FLOWS.md §3: a token for the flow, then EWS CreateItem; Microsoft Graph when chosen. */
async function exchangeOnline(request: SendRequest): Promise<Sent> {
  if (request.input.dialog.sendThrough === 'graph') return viaGraph(request);
  if (hasEwsEnded(request.run.clock.date())) throw new RunFailure(ewsEndedFacts);
  const { route, token } = await tokenStep(request);
  const { settings, message, steps } = request;
  const appOnly = settings.authFlow === 'client-secret';
  const connection = { route, credentials: { bearer: token.accessToken } };
  const sender = new EwsSender({ ...connection, impersonate: appOnly ? message.from : undefined });
  const report = await sender.send(message, steps);
  return { report, route, token, follow: { kind: 'ews', connection, appOnly } };
}

/** FLOWS.md §7: EWS at the server address with Basic over HTTPS; no token step. */
async function exchangeOnPremises({
  input,
  settings: s,
  secret,
  message,
  steps,
  deps,
}: SendRequest): Promise<Sent> {
  const route = await deps.environment.route({ ...s, ews: 'on-premises' });
  const credentials = { user: input.dialog.userName.trim(), password: secret ?? '' };
  const sender = new EwsSender({ route, credentials });
  const follow: FollowPath = { kind: 'ews', connection: { route, credentials }, appOnly: false };
  return { report: await sender.send(message, steps), route, follow };
}

/** FLOWS.md §7: the message composed in the default mail client. */
async function mailClient({ message, steps, deps }: SendRequest): Promise<Sent> {
  const sender = new MailClientSender(deps.openExternal);
  const report = await sender.send(message, steps);
  return { report, route: { environment: deps.environment.current() }, mailto: sender.mailto };
}

export type SendPlan = (request: SendRequest) => Promise<Sent>;

export const sendPlans: Partial<Record<EmailMethod, SendPlan>> = {
  'exchange-online': exchangeOnline,
  exchange: exchangeOnPremises,
  smtp: smtpPlan,
  client: mailClient,
};
