import type { ClientRequest, IncomingHttpHeaders } from 'node:http';

/** Response headers as one string each, repeated ones joined as HTTP allows. */
export function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers))
    if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
  return flat;
}

/**
 * Ends the request with ETIMEDOUT after `timeoutMs`: a socket timeout only measures idleness,
 * this bounds the whole exchange. Clear the timer it answers once the response has ended.
 */
export const boundExchange = (req: ClientRequest, timeoutMs: number): NodeJS.Timeout =>
  setTimeout(
    () =>
      req.destroy(
        Object.assign(new Error(`Request timed out after ${timeoutMs} ms`), { code: 'ETIMEDOUT' }),
      ),
    timeoutMs,
  );
