import https from 'node:https';
import { OPERATION_NAMES, type DemoTenantOperations } from '../../electron/demo-tenant/operations';
import { createTrustedAgent } from '../../electron/services/network/trust';

/** The operations as seen from another process: every call is a round trip. */
export type DemoControlClient = {
  [K in keyof DemoTenantOperations]: (
    ...args: Parameters<DemoTenantOperations[K]>
  ) => Promise<Awaited<ReturnType<DemoTenantOperations[K]>>>;
};

export interface DemoControlTarget {
  /** `control.url` of a running demo tenant. */
  url: string;
  token: string;
  caPem: string;
}

export class DemoControlError extends Error {}

/** A typed client of the control API, for e2e tests and tools running outside the tenant's process. */
export function createDemoControlClient({
  url,
  token,
  caPem,
}: DemoControlTarget): DemoControlClient {
  const agent = createTrustedAgent(caPem);
  const call = (operation: string, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      const body = JSON.stringify(args);
      const req = https.request(
        `${url.replace(/\/$/, '')}/${operation}`,
        {
          method: 'POST',
          agent,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
              result?: unknown;
              error?: string;
            };
            if (res.statusCode === 200) resolve(parsed.result ?? undefined);
            else
              reject(
                new DemoControlError(
                  `${operation}: HTTP ${res.statusCode} ${parsed.error ?? ''}`.trim(),
                ),
              );
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return Object.fromEntries(
    OPERATION_NAMES.map((operation) => [operation, (...args: unknown[]) => call(operation, args)]),
  ) as DemoControlClient;
}
