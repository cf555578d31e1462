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

/** A step's relative URL (`/users/…` or `users/…`, no version) as a request from `/v1.0/`. */
function stepRequest(outer: GraphRequest, s: Step): GraphRequest {
  const headers = Object.fromEntries(
    Object.entries(s.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
  );
  return {
    method: s.method.toUpperCase(),
    url: `/v1.0/${s.url.replace(/^\/+/, '')}`,
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
      headers: {
        ...got.headers,
        ...(got.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
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
