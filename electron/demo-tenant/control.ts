import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { header, readBody, sendJson } from './http';
import { OPERATION_NAMES, type DemoTenantOperations } from './operations';
import { DemoStateError } from './state';

export const CONTROL_PREFIX = '/control/';

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

function tokenMatches(given: string | undefined, token: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(`Bearer ${token}`);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The control API: `POST /control/<operation>` with the arguments as a JSON array, answered with
 * `{ result }`. Loopback only, behind its own bearer token.
 */
export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  operations: DemoTenantOperations,
  token: string,
): Promise<void> {
  if (!isLoopback(req.socket.remoteAddress)) return sendJson(res, 403, { error: 'Loopback only' });
  if (!tokenMatches(header(req, 'authorization'), token))
    return sendJson(res, 401, { error: 'Control token required' });
  const [path = ''] = (req.url ?? '').split('?');
  const name = path.slice(CONTROL_PREFIX.length);
  const operation = OPERATION_NAMES.find((n) => n === name);
  if (req.method !== 'POST' || !operation)
    return sendJson(res, 404, { error: `No control operation ${name}` });
  let args: unknown;
  try {
    const raw = await readBody(req);
    args = raw ? JSON.parse(raw) : [];
  } catch {
    return sendJson(res, 400, { error: 'Body must be a JSON array of arguments' });
  }
  if (!Array.isArray(args))
    return sendJson(res, 400, { error: 'Body must be a JSON array of arguments' });
  try {
    const fn = operations[operation] as (...a: unknown[]) => unknown;
    sendJson(res, 200, { result: fn(...args) ?? null });
  } catch (error) {
    if (error instanceof DemoStateError || error instanceof RangeError)
      return sendJson(res, 404, { error: error.message });
    throw error;
  }
}
