import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultIncomingSettings,
  toIncomingSettingsForm,
} from '../../../shared/settings/incoming-settings';
import { startDemoTenant, type DemoTenant } from '../../demo-tenant/index';
import { composeApp, type ComposedApp } from '../../host/compose';
import { startDovecot, type Dovecot } from '../../../test-support/services/dovecot';
import { createMemorySecretVault } from '../../../test-support/services/memory-secret-vault';

/*
 * Check connections in Demo, through the real composition: the Microsoft services are the demo
 * tenant on loopback (as the Test reaches them), IMAP is a real dovecot reached as given.
 */
let tenant: DemoTenant;
let dovecot: Dovecot;
let dir: string;
let app: ComposedApp;
const savedCertFile = process.env.SSL_CERT_FILE;

beforeAll(async () => {
  [tenant, dovecot] = await Promise.all([startDemoTenant(), startDovecot()]);
  dir = await mkdtemp(path.join(tmpdir(), 'connections-'));
  // dovecot's throw-away CA stands for a company's internal CA in this computer's store.
  fs.writeFileSync(path.join(dir, 'store.pem'), dovecot.caPem);
  process.env.SSL_CERT_FILE = path.join(dir, 'store.pem');
  app = composeApp({
    settingsDir: dir,
    keychainService: 'unused: the vault is in memory',
    transport: 'browser',
    vault: createMemorySecretVault(),
    startDemoTenant: async () => ({ ...tenant, close: async () => {} }),
    requestTimeoutMs: 3_000,
  });
  await app.environment.ready;
  await saveImap(dovecot.host, dovecot.port);
});

/** Settings for incoming e-mail saved as the procedure saves them: IMAP at `host:port`. */
async function saveImap(serverName: string, port: number) {
  const settings = { ...defaultIncomingSettings, service: 'imap' as const, serverName, port };
  const saved = await app.handlers['incomingSettings.save']({
    form: toIncomingSettingsForm(settings, 'en-US'),
    secrets: {},
  });
  expect(saved.status).toBe('saved');
}

afterAll(async () => {
  if (savedCertFile === undefined) delete process.env.SSL_CERT_FILE;
  else process.env.SSL_CERT_FILE = savedCertFile;
  await app.close();
  await Promise.all([tenant.close(), dovecot.stop()]);
  await rm(dir, { recursive: true, force: true });
});

describe('Check connections in Demo', () => {
  it('greets each host the saved settings use, naming route, issuer and trust; sends nothing', async () => {
    const { rows } = await app.handlers['network.checkConnections']({});
    const demoRoute = `demo tenant at ${new URL(tenant.origin).host}`;
    expect(rows.map((r) => [r.service, r.host, r.route, r.ok, r.result])).toEqual([
      ['sign-in', 'login.microsoftonline.com:443', demoRoute, true, 'OK'],
      ['ews', 'outlook.office365.com:443', demoRoute, true, 'OK'],
      ['imap', `${dovecot.host}:${dovecot.port}`, 'direct', true, 'OK'],
    ]);
    for (const row of rows)
      expect(row.tls).toMatchObject({ trusted: true, issuer: expect.any(String) });
    // A private CA on the customer's own server is not inspection; nor is the demo tenant's.
    expect(rows.every((r) => r.tls?.inspectedBy === undefined)).toBe(true);
    expect(
      tenant.state.readMailbox('dana.sales@contoso-demo.onmicrosoft.com').folders.inbox,
    ).toEqual([]);
  });

  it('a host that does not answer: its row fails with the diagnosis and its fix; the others stand', async () => {
    await saveImap('imap.contoso.invalid', 993);
    const { rows } = await app.handlers['network.checkConnections']({});
    expect(rows.find((r) => r.service === 'imap')).toMatchObject({
      ok: false,
      diagnosisId: 'dns-imap',
      result: expect.stringMatching(/could not look up its name/),
      fix: expect.stringMatching(/imap\.contoso\.invalid/),
    });
    expect(rows.filter((r) => r.service !== 'imap').every((r) => r.ok)).toBe(true);
  });
});
