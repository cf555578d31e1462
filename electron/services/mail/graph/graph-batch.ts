import { z } from 'zod';
import type { HttpAnswer } from '../../network/http-exchange';
import { graphRequest, parseGraphBody, type GraphConnection } from './graph-http';

/** One step's answer, read as a request of its own would be. */
export type StepAnswer = HttpAnswer;

/** JSON batching's limit: at most 20 requests in one `$batch`. */
export const GRAPH_BATCH_MAX = 20;

export interface BatchedGet {
  id: string;
  /** Relative to `/v1.0`, e.g. `/users/a%40b/mailFolders/inbox`. */
  url: string;
}

const batchAnswer = z.object({
  responses: z.array(
    z.object({
      id: z.string(),
      status: z.number().int(),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
    }),
  ),
});

/**
 * One `POST /v1.0/$batch` of up to 20 GETs; each step's answer by id (Graph answers in any
 * order), as an HttpAnswer of its own so the one-request failure facts apply to it unchanged.
 */
export async function graphBatch(
  connection: GraphConnection,
  gets: BatchedGet[],
  signal: AbortSignal,
): Promise<Map<string, HttpAnswer>> {
  if (gets.length > GRAPH_BATCH_MAX)
    throw new RangeError(`A batch takes at most ${GRAPH_BATCH_MAX}`);
  const body = { requests: gets.map((g) => ({ id: g.id, method: 'GET', url: g.url })) };
  const answer = await graphRequest(
    connection,
    'graph-folder',
    { method: 'POST', path: '/v1.0/$batch', body },
    200,
    signal,
  );
  const parsed = parseGraphBody(batchAnswer, answer, 'graph-folder', connection.route);
  return new Map(
    parsed.responses.map((r) => [
      r.id,
      {
        status: r.status,
        headers: Object.fromEntries(
          Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
        ),
        text: r.body === undefined ? '' : JSON.stringify(r.body),
      },
    ]),
  );
}
