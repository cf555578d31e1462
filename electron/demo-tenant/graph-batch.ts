import { z } from 'zod';
import { GraphError, graphError } from './graph-errors';
import type { GraphAnswer, GraphRequest } from './graph';

/** "JSON batching": at most 20 steps, and Outlook runs up to 4 of them at once. */
export const MAX_BATCH_STEPS = 20;
const PARALLEL_STEPS = 4;

const step = z.object({
  id: z.string().min(1),
  method: z.string().min(1),
  url: z.string().min(1),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
  dependsOn: z.array(z.string()).optional(),
});
const batchBody = z.object({ requests: z.array(step) });
type Step = z.infer<typeof step>;

export interface BatchResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** As Microsoft Graph spells them in a batch's responses (clients such as its SDK match exactly). */
const SPELLED: Record<string, string> = { 'retry-after': 'Retry-After' };
const JSON_TYPE =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/** A step's headers: its own, with Content-Type for a JSON body, named as Graph names them. */
function stepHeaders(got: GraphAnswer): Record<string, string> {
  const headers = Object.fromEntries(
    Object.entries(got.headers).map(([name, value]) => [SPELLED[name] ?? name, value]),
  );
  return got.body === undefined ? headers : { ...headers, 'Content-Type': JSON_TYPE };
}

/** A step's relative URL (`/users/…`, `users/…` or `/v1.0/users/…`) as a request from `/v1.0/`. */
function stepRequest(outer: GraphRequest, s: Step): GraphRequest {
  const headers = Object.fromEntries(
    Object.entries(s.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
  );
  return {
    method: s.method.toUpperCase(),
    // Relative to the version, as the batching page says; Microsoft's SDKs keep "/v1.0/" in front.
    url: `/v1.0/${s.url.replace(/^\/+/, '').replace(/^v1\.0\//, '')}`,
    authorization: outer.authorization,
    clientRequestId: headers['client-request-id'],
    body: s.body === undefined ? '' : JSON.stringify(s.body),
  };
}

function parseSteps(raw: string): Step[] | GraphError {
  let parsed: z.infer<typeof batchBody>;
  try {
    parsed = batchBody.parse(JSON.parse(raw));
  } catch {
    return graphError('badBatch', 'Invalid batch payload format.');
  }
  const steps = parsed.requests;
  if (steps.length > MAX_BATCH_STEPS)
    return graphError(
      'badBatch',
      `Number of batch request steps exceeds the maximum of ${MAX_BATCH_STEPS}.`,
    );
  const ids = new Set(steps.map((s) => s.id.toLowerCase()));
  if (ids.size !== steps.length)
    return graphError('badBatch', 'Batch request contains duplicate request ids.');
  return steps;
}

/**
 * `POST /v1.0/$batch`: each step answered on its own (its own limits, so one may be 429 while the
 * others succeed), up to 4 at once, a step with `dependsOn` after those it names (424 when one of
 * them failed); the responses in the order they finish, matched to the steps by id.
 */
export async function answerBatch(
  outer: GraphRequest,
  answer: (request: GraphRequest) => Promise<GraphAnswer>,
  outerAnswer: { headers: Record<string, string>; fail(error: GraphError): GraphAnswer },
): Promise<GraphAnswer> {
  const { fail } = outerAnswer;
  const steps = parseSteps(outer.body);
  if (steps instanceof GraphError) return fail(steps);
  const responses: BatchResponse[] = [];
  const finished = new Map<string, Promise<BatchResponse>>();
  const run = async (s: Step): Promise<BatchResponse> => {
    const before = await Promise.all((s.dependsOn ?? []).map((d) => finished.get(d.toLowerCase())));
    const depFailed = before.some((r) => r === undefined || r.status >= 400);
    const got = depFailed
      ? fail(graphError('failedDependency'))
      : await answer(stepRequest(outer, s));
    const response: BatchResponse = {
      id: s.id,
      status: got.status,
      headers: stepHeaders(got),
      ...(got.body === undefined ? {} : { body: got.body }),
    };
    responses.push(response);
    return response;
  };
  let next = 0;
  const worker = async () => {
    while (next < steps.length) {
      const s = steps[next++] as Step;
      const done = run(s);
      finished.set(s.id.toLowerCase(), done);
      await done;
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_STEPS, steps.length) }, worker));
  return {
    status: 200,
    headers: outerAnswer.headers,
    body: { responses },
  };
}
