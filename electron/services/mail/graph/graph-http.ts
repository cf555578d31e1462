import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { CheckStep, FailureFacts } from '../../../../shared/diagnosis/failure';
import type { AuthFlow } from '../../../../shared/settings/system-settings';
import { abortable } from '../../base/abortable';
import { GRAPH_HOST, type Route } from '../../network/route';
import { routeFacts, wireFacts } from '../../network/recorded-failure';
import { RunFailure } from '../failure';
import type { HttpAnswer } from '../../network/http-exchange';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../../network/timeouts';

/** Who the Graph calls act as: a token for https://graph.microsoft.com and the route to reach it. */
export interface GraphConnection {
  /** `route.graphUrl` and `route.transport`: the demo CA is trusted only on the demo's route. */
  route: Route;
  accessToken: string;
  /** Per-request limit, connect to last byte; default 30 s. */
  timeoutMs?: number;
}

/** FLOWS.md §9: delegated scopes for User name/Password (ROPC), `.default` for Client secret. */
export const GRAPH_RESOURCE = `https://${GRAPH_HOST}`;
export const graphScopeFor = (flow: AuthFlow, use: 'send' | 'read'): string =>
  flow === 'password'
    ? `${GRAPH_RESOURCE}/${use === 'send' ? 'Mail.Send' : 'Mail.ReadBasic'}`
    : `${GRAPH_RESOURCE}/.default`;

const MAX_BODY = 1024 * 1024;

/** Graph's error body (learn.microsoft.com/graph/errors). */
const graphErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    innerError: z.object({ 'request-id': z.string().optional() }).optional(),
  }),
});

export interface GraphCall {
  method: 'GET' | 'POST';
  /** From `/v1.0/`, already encoded. */
  path: string;
  body?: unknown;
}

const hostOf = (route: Route) => routeFacts(route, GRAPH_HOST);

function exchange(
  connection: GraphConnection,
  call: GraphCall,
  signal: AbortSignal,
): Promise<HttpAnswer> {
  const { route, accessToken } = connection;
  const timeoutMs = connection.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const body = call.body === undefined ? undefined : JSON.stringify(call.body);
  const headers: Record<string, string | number> = {
    authorization: `Bearer ${accessToken}`,
    accept: 'application/json',
    'client-request-id': randomUUID(),
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return route.transport.exchange({
    method: call.method,
    url: `${route.graphUrl}${call.path}`,
    headers,
    body,
    signal,
    timeoutMs,
    maxBody: MAX_BODY,
  });
}

/** What Graph's answer (or the network) says about a failed request, as FailureFacts. */
export function graphFailureFacts(
  step: CheckStep,
  route: Route,
  answer: HttpAnswer | { error: unknown },
): FailureFacts {
  if ('error' in answer) {
    const fromWire = wireFacts({ error: answer.error });
    return {
      message: 'The request to Microsoft Graph failed.',
      ...fromWire,
      step,
      ...hostOf(route),
    };
  }
  const facts: FailureFacts = {
    ...wireFacts({ status: answer.status, headers: answer.headers }),
    step,
    ...hostOf(route),
    message: `Microsoft Graph answered HTTP ${answer.status}.`,
  };
  let parsed: z.infer<typeof graphErrorBody> | undefined;
  try {
    parsed = graphErrorBody.parse(JSON.parse(answer.text));
  } catch {
    parsed = undefined;
  }
  const requestId = answer.headers['request-id'] ?? parsed?.error.innerError?.['request-id'];
  if (requestId) facts.requestId = requestId;
  if (parsed) {
    facts.graphCode = parsed.error.code;
    if (parsed.error.message) facts.message = parsed.error.message;
  }
  return facts;
}

/**
 * One Graph request: the expected status gives the answer, anything else (or a network failure)
 * a RunFailure with Graph's code, message and request-id. Cancelling rejects with CancelledError.
 */
export async function graphRequest(
  connection: GraphConnection,
  step: CheckStep,
  call: GraphCall,
  expected: number,
  signal: AbortSignal,
): Promise<HttpAnswer> {
  let answer: HttpAnswer;
  try {
    answer = await abortable(exchange(connection, call, signal), signal);
  } catch (error) {
    if (signal.aborted) throw error;
    throw new RunFailure(graphFailureFacts(step, connection.route, { error }));
  }
  if (answer.status !== expected)
    throw new RunFailure(graphFailureFacts(step, connection.route, answer));
  return answer;
}

/** A success body checked against the shape the app relies on. */
export function parseGraphBody<T>(
  schema: z.ZodType<T>,
  answer: HttpAnswer,
  step: CheckStep,
  route: Route,
): T {
  let json: unknown;
  try {
    json = JSON.parse(answer.text);
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new RunFailure({
    step,
    ...hostOf(route),
    httpStatus: answer.status,
    ...(answer.headers['request-id'] ? { requestId: answer.headers['request-id'] } : {}),
    message: 'Microsoft Graph answered in a shape this app does not know.',
  });
}

/** `/v1.0/users/{UPN}` with the address encoded as one path segment. */
export const userPath = (address: string) => `/v1.0/users/${encodeURIComponent(address)}`;
