/**
 * Settings for incoming e-mail at 1,000 accounts in Chromium on the built browser host: typing in
 * a cell, scrolling the grid, Validate all through Microsoft Graph, and the peak memory (RSS) of
 * the host process (the embedded demo tenant included) and of the page's renderer process.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import {
  defaultIncomingSettings,
  newIncomingAccount,
  type IncomingSettings,
} from '../../shared/settings/incoming-settings';
import { defaultSystemSettings } from '../../shared/settings/system-settings';
import {
  CLIENT_SECRET_APP_ID,
  DEMO_DOMAIN,
  DEMO_SECRET_VALUE,
  DEMO_TENANT_ID,
} from '../../electron/demo-tenant/seed';
import { currentSchemaVersion } from '../../electron/services/settings/settings-document';
import { demoControl } from '../../e2e/fixtures/demo-host';
import { median, withUiSession } from './ui-session';

const KEYSTROKES = 50;
const WHEEL_STEPS_PX = 400;

export const p95 = (samples: number[]) =>
  [...samples].sort((a, b) => a - b)[
    Math.min(samples.length - 1, Math.floor(samples.length * 0.95))
  ] ?? 0;

/** The demo tenant's scaled mailboxes, as `addMailboxes` names them. */
const scaledMailbox = (n: number) => `mailbox${String(n + 1).padStart(4, '0')}@${DEMO_DOMAIN}`;

function gridSettingsFile(dir: string, rows: number) {
  const incoming: IncomingSettings = {
    ...defaultIncomingSettings,
    clientId: CLIENT_SECRET_APP_ID,
    tenantId: DEMO_TENANT_ID,
    authFlow: 'client-secret',
    accounts: Array.from({ length: rows }, (_, n) => ({
      ...newIncomingAccount(),
      email: scaledMailbox(n),
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

interface Typed {
  handled: number[];
  value: number[];
  paint: number[];
}

/** Keystrokes in one row's E-mail cell, timed inside the page from keydown. */
async function typing(page: Page) {
  const input = page.getByRole('grid').getByLabel('E-mail', { exact: true }).nth(3);
  await input.click();
  await page.keyboard.press('End');
  await page.evaluate(() => {
    const w = window as unknown as { typed: Typed };
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
  const typed = await page.evaluate(() => (window as unknown as { typed: Typed }).typed);
  // Put the address back, so the row still names its mailbox when it is validated.
  for (let i = 0; i < KEYSTROKES; i++) await page.keyboard.press('Backspace');
  return typed;
}

/**
 * Wheel scrolling from the grid's first row to its last: the interval between animation frames
 * meanwhile (16.7 ms when no frame is missed), and the rows the page holds at the end.
 */
async function scrolling(page: Page) {
  const body = page.locator('.grid-body');
  await body.hover();
  // A string: a function here would be rewritten by the bench's TypeScript loader (keepNames).
  await page.evaluate(`(() => {
    window.frames = [];
    window.recording = true;
    let last = performance.now();
    requestAnimationFrame(function tick(now) {
      window.frames.push(now - last);
      last = now;
      if (window.recording) requestAnimationFrame(tick);
    });
  })()`);
  const started = performance.now();
  for (let i = 0; i < 200; i++) {
    await page.mouse.wheel(0, WHEEL_STEPS_PX);
    const atEnd = await body.evaluate((e) => e.scrollTop + e.clientHeight >= e.scrollHeight - 1);
    if (atEnd) break;
  }
  const ms = performance.now() - started;
  const frames = await page.evaluate(() => {
    const w = window as unknown as { frames: number[]; recording: boolean };
    w.recording = false;
    return w.frames.slice(1);
  });
  const rowsInPage = await page.locator('[data-row-id]').count();
  return { frames, ms, rowsInPage };
}

/** Peak resident memory (VmHWM) of a process, in MB. */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

export interface GridFigures {
  rows: number;
  typing: { n: number; handled: number; handledP95: number; paint: number; paintP95: number };
  scroll: {
    frames: number;
    median: number;
    p95: number;
    max: number;
    over33: number;
    ms: number;
    rowsInPage: number;
  };
  validateAllMs: number;
  peakRssMb: { host: number; page: number };
}

export async function gridAt(rows: number): Promise<GridFigures> {
  const controlToken = randomUUID();
  return withUiSession(
    {
      hostEnv: { ERP_MAIL_DEMO_CONTROL_TOKEN: controlToken },
      prepare: (dir) => gridSettingsFile(dir, rows),
    },
    async ({ host, browser, page }) => {
      const control = await demoControl(host, { ERP_MAIL_DEMO_CONTROL_TOKEN: controlToken });
      await control.addMailboxes(rows);
      await page.getByRole('button', { name: 'Settings for incoming e-mail' }).click();
      const typed = await typing(page);

      await page
        .getByRole('main')
        .getByLabel('Client secret', { exact: true })
        .fill(DEMO_SECRET_VALUE);
      await page.getByLabel('Validate through').selectOption({ label: 'Microsoft Graph' });
      const summary = page.getByRole('toolbar', { name: 'E-mail accounts' }).getByRole('status');
      const started = performance.now();
      await page.getByRole('button', { name: 'Validate all' }).click();
      await summary
        .filter({ hasText: `${rows} validated, 0 failed` })
        .waitFor({ timeout: 180_000 });
      const validateAllMs = performance.now() - started;

      const scroll = await scrolling(page);
      const cdp = await browser.newBrowserCDPSession();
      const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as {
        processInfo: { type: string; id: number }[];
      };
      const renderers = processInfo.filter((p) => p.type === 'renderer');
      return {
        rows,
        typing: {
          n: typed.paint.length,
          handled: median(typed.handled),
          handledP95: p95(typed.handled),
          paint: median(typed.paint),
          paintP95: p95(typed.paint),
        },
        scroll: {
          frames: scroll.frames.length,
          median: median(scroll.frames),
          p95: p95(scroll.frames),
          max: Math.max(...scroll.frames),
          over33: scroll.frames.filter((f) => f > 33.4).length,
          ms: scroll.ms,
          rowsInPage: scroll.rowsInPage,
        },
        validateAllMs,
        peakRssMb: {
          host: peakRssMb(host.process.pid ?? 0),
          page: Math.max(...renderers.map((r) => peakRssMb(r.id))),
        },
      };
    },
  );
}
