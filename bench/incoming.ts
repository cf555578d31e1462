/**
 * Settings for incoming e-mail: `npx tsx bench/incoming.ts` after `npm run build`.
 * 1. Validate all on 200 accounts (Client secret flow), through EWS and through Microsoft Graph, with 50 ms of latency on every demo-tenant
 *    request, against the ideal ceil(200 / c) × one account's time.
 * 2. Typing in a cell of a 1,000-row grid: Chromium on the built browser host, timed in the page
 *    from keydown to the input handled (the app's share), to the new value and to the next paint.
 * Figures go to BENCHMARKS.md.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  defaultIncomingSettings,
  newIncomingAccount,
  toIncomingSettingsForm,
  type IncomingSettings,
} from '../shared/settings/incoming-settings';
import { defaultSystemSettings } from '../shared/settings/system-settings';
import { startDemoTenant } from '../electron/demo-tenant/index';
import {
  CLIENT_SECRET_APP_ID,
  DEMO_SECRET_VALUE,
  DEMO_TENANT_ID,
} from '../electron/demo-tenant/seed';
import { demoEndpoints } from '../shared/demo/switches';
import { createEnvironment } from '../electron/services/environment/environment';
import { INCOMING_CLIENT_SECRET_ACCOUNT } from '../electron/services/keychain/entry-names';
import {
  DEFAULT_VALIDATION_CONCURRENCY,
  createMailboxValidation,
} from '../electron/services/validation/mailbox-validation';
import { createMemorySecretVault } from '../test-support/services/memory-secret-vault';
import { currentSchemaVersion } from '../electron/services/settings/settings-document';
import { openSettingsStore } from '../electron/services/settings/settings-store';
import { openTestLog } from '../electron/services/logs/test-log';
import { createTokenBroker } from '../electron/services/tokens/token-broker';
import { createRunEngine } from '../electron/services/runs/run-engine';
import { enterKeyringSession, median, withUiSession } from './lib/ui-session';

const ACCOUNTS = 200;
const LATENCY_MS = 50;
const RUNS = 5;
const GRID_ROWS = 1000;
const KEYSTROKES = 50;

enterKeyringSession('bench/incoming.ts');

const p95 = (samples: number[]) =>
  [...samples].sort((a, b) => a - b)[
    Math.min(samples.length - 1, Math.floor(samples.length * 0.95))
  ]!;

/** Part 1: the validation service in process against the embedded demo tenant. */
async function validateAll(through: 'ews' | 'graph') {
  const dir = mkdtempSync(path.join(tmpdir(), 'erp-mail-bench-incoming-'));
  const tenant = await startDemoTenant();
  const mailboxes = tenant.seed.mailboxes.map((m) => m.address);
  const environment = createEnvironment({
    store: openSettingsStore({ dir }),
    vault: createMemorySecretVault(),
    startTenant: async () => tenant,
  });
  await environment.ready;
  for (const endpoint of demoEndpoints) tenant.state.setFault(endpoint, { latencyMs: LATENCY_MS });
  // One broker for every run: the app-only token is acquired once, so each run times EWS only.
  const tokens = createTokenBroker();
  const engine = createRunEngine({
    vault: createMemorySecretVault({ [INCOMING_CLIENT_SECRET_ACCOUNT]: DEMO_SECRET_VALUE }),
    testLog: openTestLog(dir),
    environment,
    emit: () => {},
  });
  const service = createMailboxValidation({ engine, environment, tokens });
  const form = (count: number) => ({
    ...toIncomingSettingsForm(defaultIncomingSettings, 'en-US'),
    clientId: CLIENT_SECRET_APP_ID,
    tenantId: DEMO_TENANT_ID,
    authFlow: 'client-secret' as const,
    // The tenant's seven mailboxes in turn: each row is checked on its own all the same.
    accounts: Array.from({ length: count }, (_, n) => ({
      ...newIncomingAccount(),
      email: mailboxes[n % mailboxes.length]!,
      types: ['crm' as const],
    })),
  });
  const run = async (count: number) => {
    const f = form(count);
    const start = performance.now();
    const result = await service.validate({
      runId: randomUUID(),
      form: f,
      secrets: {},
      accountIds: f.accounts.map((a) => a.id),
      through,
    });
    if (result.outcome !== 'done' || !result.results.every((r) => r.ok))
      throw new Error(`Validation failed: ${JSON.stringify(result.results[0])}`);
    return performance.now() - start;
  };
  await run(1); // warm-up: the token, TLS sessions, JIT
  const one: number[] = [];
  const all: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    one.push(await run(1));
    all.push(await run(ACCOUNTS));
  }
  await environment.close();
  rmSync(dir, { recursive: true, force: true });
  const c = DEFAULT_VALIDATION_CONCURRENCY;
  const ideal = Math.ceil(ACCOUNTS / c) * median(one);
  return { c, one: median(one), all: median(all), ideal };
}

function gridSettingsFile(dir: string) {
  const incoming: IncomingSettings = {
    ...defaultIncomingSettings,
    clientId: CLIENT_SECRET_APP_ID,
    tenantId: DEMO_TENANT_ID,
    authFlow: 'client-secret',
    accounts: Array.from({ length: GRID_ROWS }, (_, n) => ({
      ...newIncomingAccount(),
      email: `mailbox${n}@contoso.com`,
      types: ['crm'],
    })),
  };
  writeFileSync(
    path.join(dir, 'settings.json'),
    JSON.stringify({
      schemaVersion: currentSchemaVersion,
      system: defaultSystemSettings,
      environment: { name: 'demo', demoPrefilled: true },
      incoming,
    }),
  );
}

/** Part 2: keystrokes in a cell of a 1,000-row grid, timed inside the page. */
async function typing() {
  return withUiSession({ prepare: gridSettingsFile }, async ({ page }) => {
    await page.getByRole('button', { name: 'Settings for incoming e-mail' }).click();
    const input = page.getByRole('grid').getByLabel('E-mail', { exact: true }).nth(3);
    await input.click();
    await page.keyboard.press('End');
    await page.evaluate(() => {
      const w = window as unknown as {
        typed: { handled: number[]; value: number[]; paint: number[] };
      };
      w.typed = { handled: [], value: [], paint: [] };
      document.addEventListener(
        'keydown',
        (event) => {
          const target = event.target as HTMLInputElement;
          const before = target.value;
          const start = performance.now();
          // After the input event React renders synchronously; a message task runs after it.
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            if (target.value !== before) w.typed.value.push(performance.now() - start);
          };
          target.addEventListener('input', () => channel.port2.postMessage(0), { once: true });
          // The app's own share: React's root listener and its synchronous render and commit run
          // before the input event bubbles up to the document.
          document.addEventListener(
            'input',
            () => {
              if (target.value !== before) w.typed.handled.push(performance.now() - start);
            },
            { once: true },
          );
          // The frame that shows the character: the next animation frame, then its paint.
          requestAnimationFrame(() =>
            setTimeout(() => w.typed.paint.push(performance.now() - start), 0),
          );
        },
        { capture: true },
      );
    });
    for (let i = 0; i < KEYSTROKES; i++) {
      await page.keyboard.press(String.fromCharCode(97 + (i % 26)));
      await page.waitForTimeout(40);
    }
    const typed = await page.evaluate(
      () =>
        (window as unknown as { typed: { handled: number[]; value: number[]; paint: number[] } })
          .typed,
    );
    return {
      handled: median(typed.handled),
      handledP95: p95(typed.handled),
      value: median(typed.value),
      valueP95: p95(typed.value),
      paint: median(typed.paint),
      paintP95: p95(typed.paint),
      n: typed.value.length,
    };
  });
}

for (const through of ['ews', 'graph'] as const) {
  const v = await validateAll(through);
  console.log(
    `Validate all through ${through === 'ews' ? 'EWS' : 'Microsoft Graph'}, ${ACCOUNTS} accounts, c=${v.c}, ${LATENCY_MS} ms latency: ${v.all.toFixed(0)} ms ` +
      `(one account ${v.one.toFixed(1)} ms; ideal ceil(${ACCOUNTS}/${v.c}) × one = ${v.ideal.toFixed(0)} ms; ` +
      `ratio ${(v.all / v.ideal).toFixed(2)})`,
  );
}
const t = await typing();
console.log(
  `Typing in a ${GRID_ROWS}-row grid (n=${t.n}): keydown → value median ${t.value.toFixed(2)} ms ` +
    `(p95 ${t.valueP95.toFixed(2)}); keydown → next paint median ${t.paint.toFixed(2)} ms (p95 ${t.paintP95.toFixed(2)}); ` +
    `keydown → input handled (React's render and commit done) median ${t.handled.toFixed(2)} ms (p95 ${t.handledP95.toFixed(2)})`,
);
