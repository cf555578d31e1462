import type { IncomingMessage } from 'node:http';
import https from 'node:https';
import tls from 'node:tls';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  json<T = unknown>(): T;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** A response read whole: the status, headers flattened (repeats joined), the text, JSON on demand. */
export function readResponse(res: IncomingMessage): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => {
      const flat: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers))
        if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({
        status: res.statusCode ?? 0,
        headers: flat,
        text,
        json: <T>() => JSON.parse(text) as T,
      });
    });
    res.on('error', reject);
  });
}

/**
 * A bare HTTPS client for tests that speak a protocol as Microsoft's pages write it, without any
 * of the app's clients: fetch's shape over node:https, trusting the system roots plus one CA.
 */
export function rawHttps(caPem: string) {
  const agent = new https.Agent({ ca: [...tls.rootCertificates, caPem] });
  const call = (url: string, init: RawRequest = {}): Promise<RawResponse> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { ...init.headers };
      if (init.body !== undefined) headers['content-length'] = Buffer.byteLength(init.body);
      const req = https.request(url, { method: init.method ?? 'GET', agent, headers }, (res) =>
        readResponse(res).then(resolve, reject),
      );
      req.on('error', reject);
      req.end(init.body);
    });
  return { call, close: () => agent.destroy() };
}

/** A token from the v2.0 endpoint with a form body, as the identity platform's protocol pages show. */
export async function rawToken(
  http: ReturnType<typeof rawHttps>,
  tokenUrl: string,
  form: Record<string, string>,
): Promise<string> {
  const res = await http.call(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  const body = res.json<{ access_token?: string; error_description?: string }>();
  if (!body.access_token) throw new Error(`token request failed: ${res.status} ${res.text}`);
  return body.access_token;
}
