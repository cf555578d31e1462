import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemoTenant, type DemoTenant } from './index';
import { DEMO_USERS } from './seed';

/*
 * Microsoft's Graph SDK for JavaScript against the demo tenant with only its base URL changed
 * (and the demo's host given as a custom host, as the SDK asks of any host but Microsoft's): it
 * sends a message, reads the newest Inbox items and batches two reads with JSON batching.
 */

const SCRIPT = fileURLToPath(
  new URL('../../test-support/graph-sdk/demo-tenant-mail.ts', import.meta.url),
);

interface SdkRun {
  newest: string[];
  batch: Record<'inbox' | 'sent', { status: number; body: Record<string, unknown> }>;
}

let tenant: DemoTenant;
let dir: string;

beforeAll(async () => {
  tenant = await startDemoTenant({ propagationDelayMs: 0 });
  dir = mkdtempSync(join(tmpdir(), 'graph-sdk-'));
  writeFileSync(join(dir, 'ca.pem'), tenant.caPem);
});
afterAll(async () => {
  await tenant.close();
  rmSync(dir, { recursive: true, force: true });
});

it('the Graph SDK sends a message, reads the inbox and batches two reads', async () => {
  const subject = `Graph SDK ${Date.now()}`;
  tenant.state.resetCounters();
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', SCRIPT], {
    timeout: 60_000,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem'),
      DEMO_GRAPH_URL: tenant.graphUrl,
      DEMO_TOKEN_URL: `${tenant.authorityFor(tenant.seed.tenantId)}/oauth2/v2.0/token`,
      DEMO_CLIENT_ID: tenant.seed.apps.clientSecret,
      DEMO_CLIENT_SECRET: tenant.seed.clientSecret.value,
      DEMO_SENDER: DEMO_USERS.erpService,
      DEMO_RECIPIENT: DEMO_USERS.recipient,
      DEMO_SUBJECT: subject,
    },
  });
  const run = JSON.parse(stdout) as SdkRun;
  expect(run.newest[0]).toBe(subject);
  expect(run.batch.inbox).toMatchObject({ status: 200, body: { displayName: 'Inbox' } });
  expect(run.batch.sent.status).toBe(200);
  expect(run.batch.sent.body.value).toEqual([expect.objectContaining({ subject })]);
  // sendMail, the list, one $batch: three Graph requests.
  expect(tenant.state.requestCounts().graph).toBe(3);
});
