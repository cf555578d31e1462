/**
 * Check e-mail settings through the UI against the bare clients, with 50 ms of latency on every
 * demo-tenant endpoint: `npx tsx bench/check-ui.ts` after `npm run build`. Chromium clicks Test
 * on the built browser host and the page itself times the click to `OK!`; the bare figures are
 * msal-node + ews-javascript-api calls from this process against the same embedded demo tenant.
 * Then the same for Server based, via SMTP: the bare call is one nodemailer sendMail (STARTTLS,
 * AUTH PLAIN, one message) to the demo's submission server, 50 ms before each of its replies.
 * Figures go to BENCHMARKS.md.
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import https from 'node:https';
import { readFile } from 'node:fs/promises';
import tls from 'node:tls';
import type { Page } from '@playwright/test';
import nodemailer from 'nodemailer';
import { DemoClients, EWS_DELEGATED_SCOPE } from '../test-support/demo-tenant/clients';
import { GRAPH_DELEGATED_SCOPE } from '../shared/walkthrough/beyond-guide';
import { createDemoControlClient } from '../test-support/demo-tenant/control-client';
import { EWS_PATH } from '../electron/demo-tenant/ews';
import {
  DEMO_PASSWORD,
  DEMO_TENANT_ID,
  DEMO_USERS,
  ROPC_APP_ID,
} from '../electron/demo-tenant/seed';
import { demoEndpoints } from '../shared/demo/switches';
import { LAUNCH_TOKEN_KEY } from '../renderer/transport/launch-token';
import { enterKeyringSession, median, withUiSession } from './lib/ui-session';

const RUNS = 10;
const LATENCY_MS = 50;

enterKeyringSession('bench/check-ui.ts');

/** One untimed warm-up, then the median of RUNS timed calls; `before` runs untimed each time. */
async function medianOf(
  call: () => Promise<number>,
  before: (i: number) => Promise<void> = async () => {},
): Promise<number> {
  await before(-1);
  await call();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await before(i);
    samples.push(await call());
  }
  return median(samples);
}

/** The median of each "<step>: N ms" line of the Result over the timed runs (warm-up left out). */
function stepMedians(runs: string[][]): Record<string, number> {
  const byStep = new Map<string, number[]>();
  for (const lines of runs.slice(1))
    for (const line of lines) {
      const match = /^(.+): (\d+) ms/.exec(line);
      if (match) byStep.set(match[1]!, [...(byStep.get(match[1]!) ?? []), Number(match[2])]);
    }
  return Object.fromEntries([...byStep].map(([step, samples]) => [step, median(samples)]));
}

const timed = async (work: () => Promise<unknown>) => {
  const start = performance.now();
  await work();
  return performance.now() - start;
};

/**
 * Clicks Test from inside the page and answers the milliseconds until the Result box's first
 * line reads OK!, so neither Playwright's polling nor its protocol round trips are counted.
 * The Result's lines come along, for the step timings main measured, and the check.run
 * request's own duration (Resource Timing), to tell the page's share from the host's.
 */
const clickTestUntilOk = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<{ ms: number; requestMs: number; lines: string[] }>((resolve, reject) => {
        const dialog = document.querySelector('dialog[open]');
        const box = dialog?.querySelector('.result-box');
        const button = [...(dialog?.querySelectorAll('button') ?? [])].find(
          (b) => b.textContent === 'Test',
        );
        if (!box || !button) return reject(new Error('The dialog is not open'));
        // A previous run's OK! must disappear before this run's counts.
        let cleared = box.querySelector('.result-line') === null;
        performance.clearResourceTimings();
        const start = performance.now();
        const observer = new MutationObserver(() => {
          const first = box.querySelector('.result-line')?.textContent;
          if (first === undefined) cleared = true;
          else if (cleared && first === 'OK!') {
            const ms = performance.now() - start;
            observer.disconnect();
            const lines = [...box.querySelectorAll('.result-line')].map((l) => l.textContent ?? '');
            const requestMs = Math.max(
              ...performance
                .getEntriesByType('resource')
                .filter((e) => e.name.endsWith('/api/invoke'))
                .map((e) => e.duration),
            );
            resolve({ ms, requestMs, lines });
          } else if (cleared) {
            observer.disconnect();
            reject(new Error(box.textContent ?? 'no result'));
          }
        });
        observer.observe(box, { childList: true, subtree: true, characterData: true });
        button.click();
      }),
  );

/**
 * The browser host's own round trip, which no Test can go below: one empty call
 * (`environment.get`) posted from the page as the app posts its calls, until its JSON is read.
 * Chromium hands each request and answer between its processes, so this is the floor of every
 * click on this host; in Electron, IPC takes its place.
 */
const emptyCallMs = (page: Page) =>
  page.evaluate(async (storageKey) => {
    const headers = {
      Authorization: `Bearer ${sessionStorage.getItem(storageKey) ?? ''}`,
      'Content-Type': 'application/json',
    };
    const body = JSON.stringify({ method: 'environment.get', input: {} });
    const samples: number[] = [];
    for (let i = 0; i < 31; i++) {
      const start = performance.now();
      await (await fetch('/api/invoke', { method: 'POST', headers, body })).json();
      samples.push(performance.now() - start);
    }
    return samples.sort((a, b) => a - b)[15]!;
  }, LAUNCH_TOKEN_KEY);

/** The bare Graph send the test wraps: one POST /v1.0/users/{Sender}/sendMail, answered 202. */
function bareGraphSend(origin: string, agent: http.Agent, accessToken: string): Promise<number> {
  const body = JSON.stringify({
    message: {
      subject: 'bench',
      body: { contentType: 'Text', content: 'bench' },
      toRecipients: [{ emailAddress: { address: DEMO_USERS.recipient } }],
    },
    saveToSentItems: true,
  });
  const url = `${origin}/v1.0/users/${encodeURIComponent(DEMO_USERS.erpService)}/sendMail`;
  return timed(
    () =>
      new Promise<void>((resolve, reject) => {
        const req = https.request(url, {
          method: 'POST',
          agent,
          headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
        });
        req.on('response', (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 202 ? resolve() : reject(new Error(`sendMail ${res.statusCode}`)),
          );
        });
        req.on('error', reject);
        req.end(body);
      }),
  );
}

/** The bare nodemailer call the SMTP test wraps: a new connection, STARTTLS, AUTH, send, quit. */
function bareSmtpSend(port: number, caPem: string): Promise<number> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    requireTLS: true,
    tls: { servername: 'localhost', ca: [...tls.rootCertificates, caPem] },
    auth: { user: DEMO_USERS.erpService, pass: DEMO_PASSWORD },
  });
  return timed(() =>
    transport.sendMail({
      from: DEMO_USERS.erpService,
      to: DEMO_USERS.recipient,
      subject: 'bench',
      text: 'bench',
    }),
  );
}

/** System settings set to the SMTP method (a server of one's own, so no XOAUTH2 attempt). */
async function useSmtp(page: Page): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Check e-mail settings' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  const field = (label: string) => page.getByRole('main').getByLabel(label, { exact: true });
  await field('E-mail method').selectOption('smtp');
  await field('Server address (Exchange/SMTP)').fill('mail.contoso-demo.example');
  await field('Port (Exchange/SMTP)').fill('587');
  await field('User name (SMTP)').fill(DEMO_USERS.erpService);
  await field('Password (SMTP)').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Check e-mail settings' }).click();
}

/** A table row: the raw ratio, and the ratio once the host's empty round trip is taken off. */
const row = (name: string, bare: number, ui: number, floor: number) =>
  `| ${name} | ${bare.toFixed(1)} ms | ${ui.toFixed(1)} ms | ${(ui / bare).toFixed(2)} | ${(ui - floor).toFixed(1)} ms | ${((ui - floor) / bare).toFixed(2)} |`;
const HEAD_TAIL = 'UI: click Test → OK! | Ratio | UI less the round trip | Ratio less it |';
const RULE = '| --- | --- | --- | --- | --- | --- |';

const controlToken = randomUUID();

await withUiSession(
  { hostEnv: { ERP_MAIL_DEMO_CONTROL_TOKEN: controlToken } },
  async ({ host, page }) => {
    const [, controlUrl = ''] = await host.waitForOutput(/Demo tenant control: (https:\/\/\S+)/);
    const [, caFile = ''] = await host.waitForOutput(/Demo tenant CA: (.+)/);
    const caPem = await readFile(caFile.trim(), 'utf8');
    const control = createDemoControlClient({ url: controlUrl, token: controlToken, caPem });
    for (const endpoint of demoEndpoints)
      await control.setFault(endpoint, { latencyMs: LATENCY_MS });

    // The bare clients, configured as the app configures them, against the same tenant.
    const origin = new URL(controlUrl).origin;
    const clients = new DemoClients({
      caPem,
      authorityFor: (tenant) => `${origin}/${tenant}`,
      knownAuthority: new URL(origin).host,
      ewsUrl: `${origin}${EWS_PATH}`,
    });
    const bareToken = async (username: string) =>
      (await clients.publicClient(ROPC_APP_ID, DEMO_TENANT_ID).acquireTokenByUsernamePassword({
        scopes: [EWS_DELEGATED_SCOPE],
        username,
        password: DEMO_PASSWORD,
      }))!.accessToken;
    const bareSend = (accessToken: string) =>
      clients.send(clients.ews(accessToken), DEMO_USERS.recipient, 'bench');
    const cachedToken = await bareToken(DEMO_USERS.erpService);
    const bareCold = await medianOf(() =>
      timed(async () => bareSend(await bareToken(DEMO_USERS.erpService))),
    );
    const bareWarm = await medianOf(() => timed(() => bareSend(cachedToken)));

    await page.getByRole('note', { name: 'Current environment' }).waitFor();
    const floor = await emptyCallMs(page);
    await page.getByRole('button', { name: 'Check e-mail settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Check e-mail settings' });
    const account = async (user: string) => {
      await dialog.getByLabel('User name (Exchange)', { exact: true }).fill(user);
      await dialog.getByLabel('Sender', { exact: true }).fill(user);
    };
    // The app keeps one token, keyed by user among others: alternating two accounts makes every
    // run cold (discovery, token, send), as a new msal app per call does for the bare client.
    const users = [DEMO_USERS.erpService, DEMO_USERS.recipient];
    const results: string[][] = [];
    const pageShares: number[] = [];
    const uiRun = async () => {
      const { ms, requestMs, lines } = await clickTestUntilOk(page);
      results.push(lines);
      pageShares.push(ms - requestMs);
      return ms;
    };
    const uiCold = await medianOf(uiRun, (i) => account(users[(i + 2) % 2]!));
    const coldSteps = stepMedians(results.splice(0));
    await account(DEMO_USERS.erpService);
    const uiWarm = await medianOf(uiRun);
    const warmSteps = stepMedians(results.splice(0));

    console.log(`${LATENCY_MS} ms latency per demo-tenant request, median of ${RUNS} runs`);
    console.log(
      `The browser host's round trip (an empty call from the page): ${floor.toFixed(1)} ms`,
    );
    console.log(`| User name/Password | Bare msal-node + ews-javascript-api | ${HEAD_TAIL}`);
    console.log(RULE);
    console.log(row('Cold (discovery + token + send)', bareCold, uiCold, floor));
    console.log(row('Cached token (send only)', bareWarm, uiWarm, floor));
    console.log('\nSteps as main timed them (medians), cold / cached token:');
    for (const step of Object.keys(coldSteps))
      console.log(`  ${step}: ${coldSteps[step]} ms / ${warmSteps[step] ?? '-'} ms`);
    console.log(
      `Page's share (click to request, answer to OK! in the page's DOM), median of all runs: ${median(pageShares).toFixed(1)} ms`,
    );

    const bareGraphToken = async (username: string) =>
      (await clients.publicClient(ROPC_APP_ID, DEMO_TENANT_ID).acquireTokenByUsernamePassword({
        scopes: [GRAPH_DELEGATED_SCOPE],
        username,
        password: DEMO_PASSWORD,
      }))!.accessToken;
    const graphToken = await bareGraphToken(DEMO_USERS.erpService);
    const agent = clients.transport.agent;
    const bareGraphCold = await medianOf(async () => {
      const start = performance.now();
      await bareGraphSend(origin, agent, await bareGraphToken(DEMO_USERS.erpService));
      return performance.now() - start;
    });
    const bareGraphWarm = await medianOf(() => bareGraphSend(origin, agent, graphToken));
    await dialog.getByLabel('Send through', { exact: true }).selectOption('graph');
    const uiGraphCold = await medianOf(uiRun, (i) => account(users[(i + 2) % 2]!));
    results.splice(0);
    await account(DEMO_USERS.erpService);
    const uiGraphWarm = await medianOf(uiRun);
    results.splice(0);
    console.log(`\n| Microsoft Graph | Bare msal-node + one https sendMail | ${HEAD_TAIL}`);
    console.log(RULE);
    console.log(row('Cold (discovery + token + sendMail)', bareGraphCold, uiGraphCold, floor));
    console.log(row('Cached token (sendMail only)', bareGraphWarm, uiGraphWarm, floor));

    const [, smtpPort = '0'] = await host.waitForOutput(/Demo tenant SMTP: [\d.]+:(\d+)/);
    const bareSmtp = await medianOf(() => bareSmtpSend(Number(smtpPort), caPem));
    await useSmtp(page);
    const uiSmtp = await medianOf(uiRun);
    const smtpSteps = stepMedians(results.splice(0));
    console.log(`\n| Server based, via SMTP | Bare nodemailer sendMail | ${HEAD_TAIL}`);
    console.log(RULE);
    console.log(row('STARTTLS + AUTH PLAIN + send', bareSmtp, uiSmtp, floor));
    for (const [step, ms] of Object.entries(smtpSteps)) console.log(`  ${step}: ${ms} ms`);
  },
);
