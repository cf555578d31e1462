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
 * exchangelib (Debian's python3-exchangelib, run by Debian's own /usr/bin/python3) against the
 * demo tenant with only its token URL and EWS endpoint changed: it guesses the server version
 * from ServerVersionInfo, sends with impersonation and reads the newest inbox items (FindItem,
 * then GetItem with MIME content).
 */

const SCRIPT = fileURLToPath(
  new URL('../../test-support/exchangelib/demo_tenant_mail.py', import.meta.url),
);

interface ExchangelibRun {
  exchangelib: string;
  version: { build: string; api_version: string };
  sent: string;
  inbox: { subject: string; sender: string; is_read: boolean; body: string; mime_bytes: number }[];
}

let tenant: DemoTenant;
let dir: string;

beforeAll(async () => {
  tenant = await startDemoTenant({ propagationDelayMs: 0 });
  dir = mkdtempSync(join(tmpdir(), 'exchangelib-'));
  writeFileSync(join(dir, 'ca.pem'), tenant.caPem);
});
afterAll(async () => {
  await tenant.close();
  rmSync(dir, { recursive: true, force: true });
});

it('exchangelib guesses the version, sends a message and reads the inbox', async () => {
  const subject = `exchangelib ${Date.now()}`;
  const { stdout } = await promisify(execFile)('/usr/bin/python3', [SCRIPT], {
    timeout: 60_000,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      REQUESTS_CA_BUNDLE: join(dir, 'ca.pem'),
      DEMO_EWS_URL: tenant.ewsUrl,
      DEMO_TOKEN_URL: `${tenant.authorityFor(tenant.seed.tenantId)}/oauth2/v2.0/token`,
      DEMO_TENANT_ID: tenant.seed.tenantId,
      DEMO_CLIENT_ID: tenant.seed.apps.clientSecret,
      DEMO_CLIENT_SECRET: tenant.seed.clientSecret.value,
      DEMO_SENDER: DEMO_USERS.erpService,
      DEMO_RECIPIENT: DEMO_USERS.recipient,
      DEMO_SUBJECT: subject,
    },
  });
  const run = JSON.parse(stdout) as ExchangelibRun;
  expect(run.version).toEqual({ build: '15.20.8835.29', api_version: 'Exchange2016' });
  const [newest] = run.inbox;
  expect(newest).toMatchObject({ subject, sender: DEMO_USERS.erpService, is_read: false });
  expect(newest?.body).toBe('<p>Sent by exchangelib to the demo tenant.</p>');
  expect(newest?.mime_bytes).toBeGreaterThan(200);
  // What exchangelib sent is what the recipient's mailbox holds, and its saved copy.
  expect(tenant.state.readMailbox(DEMO_USERS.recipient).folders.inbox.at(-1)?.subject).toBe(
    subject,
  );
  expect(tenant.state.readMailbox(DEMO_USERS.erpService).folders.sentitems.at(-1)?.subject).toBe(
    subject,
  );
});
