import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TestLogEntry } from '../../../shared/contract/test-log';
import { APP_LOG_FILE } from '../logs/app-log';
import type { CheckRunInput } from '../../../shared/contract/check';
import type { DeliveryProgress } from '../../../shared/contract/runs';
import {
  GRAPH_APP_ID,
  GRAPH_MAIL_READ_APP_ID,
  GRAPH_MAIL_READ_DELEGATED_ID,
} from '../../demo-tenant/permissions';
import {
  CLIENT_SECRET_APP_ID,
  DEMO_PASSWORD,
  DEMO_SECRET_VALUE,
  DEMO_SHARED_MAILBOXES,
  DEMO_USERS,
  ROPC_APP_ID,
} from '../../demo-tenant/seed';
import type { CheckHarness } from '../../../test-support/services/check-harness';
import { useCheckHarness } from '../../../test-support/testing/use-check-harness';

let h: CheckHarness;
useCheckHarness((harness) => (h = harness));

const follow = { windowMs: 4_000, pollMs: 250 };

const viaGraphWithSecret = (input: CheckRunInput, recipient?: string): CheckRunInput => ({
  ...input,
  form: { ...input.form, clientId: CLIENT_SECRET_APP_ID, authFlow: 'client-secret' },
  secrets: { clientSecret: { action: 'set', value: DEMO_SECRET_VALUE } },
  dialog: { ...input.dialog, sendThrough: 'graph', recipient: recipient ?? input.dialog.recipient },
});

/** Graph Mail.Read beside the seed's Mail.ReadBasic: reading an NDR's MIME needs it. */
function grantMailRead(clientId = CLIENT_SECRET_APP_ID) {
  const delegated = clientId === ROPC_APP_ID;
  const read = delegated
    ? { id: GRAPH_MAIL_READ_DELEGATED_ID, type: 'Scope' as const }
    : { id: GRAPH_MAIL_READ_APP_ID, type: 'Role' as const };
  const app = h.tenant.state.snapshot().apps.find((a) => a.clientId === clientId);
  const access = (app?.requiredResourceAccess ?? []).map((r) =>
    r.resourceAppId === GRAPH_APP_ID ? { ...r, resourceAccess: [...r.resourceAccess, read] } : r,
  );
  h.tenant.state.updateApp(clientId, { requiredResourceAccess: access });
}

/** The run's last delivery event once it stops following. */
async function followed(runId: string, withinMs = 8_000): Promise<DeliveryProgress> {
  const until = Date.now() + withinMs;
  for (;;) {
    const last = h.deliveries.filter((d) => d.runId === runId).at(-1);
    if (last && !last.following) return last;
    if (Date.now() > until) throw new Error(`Run ${runId} still following`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The run's one Test log entry once following it has updated it, and the app log's lines of it. */
async function logged(runId: string): Promise<{ entries: TestLogEntry[]; appLog: string[] }> {
  const until = Date.now() + 3_000;
  for (;;) {
    const entries = (await h.testLog.list('all')).filter((e) => e.runId === runId);
    if (entries.some((e) => e.delivery)) {
      const text = await readFile(path.join(h.dir, APP_LOG_FILE), 'utf8').catch(() => '');
      return { entries, appLog: text.split('\n').filter((l) => l.includes(runId)) };
    }
    if (Date.now() > until) throw new Error(`Run ${runId}'s entry never updated`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('following the message after OK! (Microsoft Graph, Client secret)', () => {
  it('answers OK! at once, then Delivered with seconds, Saved, and No bounce within the window', async () => {
    const input = viaGraphWithSecret(h.input());
    const result = await h.newCheck({ follow }).run(input);
    expect(result.lines[0]).toBe('OK!');
    expect(result.following).toBe(true);
    const end = await followed(input.runId);
    // The recipient's Inbox is read first, so Delivered shows one round trip after the send.
    expect(end.lines.slice(0, 2)).toEqual([
      expect.stringMatching(/^Delivered to the recipient’s Inbox after \d+ s$/),
      expect.stringMatching(/^Saved in Sent Items: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    ]);
    // No NDR came: the watch ran its window out (Mail.ReadBasic lists the Inbox; only an NDR's MIME needs Mail.Read).
    expect(end.lines.at(-1)).toBe('No bounce within 4 s');
    const { entries, appLog } = await logged(input.runId);
    expect(entries).toEqual([expect.objectContaining({ ok: true, delivery: end.lines })]);
    expect(appLog.filter((l) => l.includes('started'))).toHaveLength(1);
  });

  it('turns an unknown recipient’s NDR into the 5.1.10 diagnosis', async () => {
    grantMailRead();
    const nobody = `nobody@${DEMO_USERS.erpService.split('@')[1] ?? ''}`;
    const input = viaGraphWithSecret(h.input(), nobody);
    const result = await h.newCheck({ follow }).run(input);
    expect(result.lines[0]).toBe('OK!');
    const end = await followed(input.runId);
    expect(end.bounce?.diagnosisId).toBe('dsn-recipient-not-found');
    expect(end.bounce?.lines[0]).toBe(`Failed: Delivery (5.1.10 for ${nobody})`);
    expect(end.bounce?.lines).toContain('Code: DSN 5.1.10 (failed)');
    expect(end.bounce?.lines.some((l) => l.startsWith('Fix: Check the Recipient address'))).toBe(
      true,
    );
    const { entries } = await logged(input.runId);
    expect(entries).toEqual([
      expect.objectContaining({
        ok: false,
        outcome: 'failed',
        diagnosisId: 'dsn-recipient-not-found',
        summary: `Failed: Delivery (5.1.10 for ${nobody}): DSN 5.1.10 (failed)`,
      }),
    ]);
  });

  it('User name/Password with FullAccess but no Send As on the Sender: OK!, then the 5.7.60 diagnosis', async () => {
    grantMailRead(ROPC_APP_ID);
    // The seed's Dana Sales may open Orders (FullAccess) but not send as it.
    const dana = DEMO_USERS.recipient;
    const base = h.input();
    const input: CheckRunInput = {
      ...base,
      dialog: {
        ...base.dialog,
        sendThrough: 'graph',
        userName: dana,
        recipient: dana,
        sender: DEMO_SHARED_MAILBOXES.orders,
      },
    };
    const result = await h.newCheck({ follow }).run(input);
    expect(result.lines[0]).toBe('OK!');
    const end = await followed(input.runId);
    expect(end.bounce?.diagnosisId).toBe('dsn-send-as-denied');
    expect(end.bounce?.lines[0]).toBe(`Failed: Delivery (5.7.60 for ${dana})`);
    expect(end.bounce?.lines.some((l) => l.startsWith('Fix: In the Exchange admin center'))).toBe(
      true,
    );
    const { entries } = await logged(input.runId);
    expect(entries).toEqual([
      expect.objectContaining({ ok: false, diagnosisId: 'dsn-send-as-denied' }),
    ]);
  });

  it('stops following within a second of Cancel', async () => {
    const input = viaGraphWithSecret(h.input());
    const check = h.newCheck({ follow: { windowMs: 30_000, pollMs: 250 } });
    await check.run(input);
    const watching = Date.now() + 5_000;
    while (!h.deliveries.some((d) => d.runId === input.runId && d.secondsLeft !== undefined)) {
      if (Date.now() > watching) throw new Error('never watched');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const cancelledAt = Date.now();
    expect(await check.cancel(input.runId)).toBe(true);
    const end = await followed(input.runId, 1_000);
    expect(Date.now() - cancelledAt).toBeLessThan(1_000);
    expect(end.lines.at(-1)).toBe('Following stopped (cancelled).');
  });
});

const viaEwsWithSecret = (input: CheckRunInput, recipient?: string): CheckRunInput => ({
  ...viaGraphWithSecret(input, recipient),
  dialog: { ...input.dialog, sendThrough: 'ews', recipient: recipient ?? input.dialog.recipient },
});

describe('following the message after OK! (EWS)', () => {
  it('with Client secret (full_access_as_app): Delivered with seconds, Saved, No bounce', async () => {
    const input = viaEwsWithSecret(h.input());
    const result = await h.newCheck({ follow }).run(input);
    expect(result.lines[0]).toBe('OK!');
    const end = await followed(input.runId);
    // The recipient's Inbox is read first, so Delivered shows one round trip after the send.
    expect(end.lines.slice(0, 2)).toEqual([
      expect.stringMatching(/^Delivered to the recipient’s Inbox after \d+ s$/),
      expect.stringMatching(/^Saved in Sent Items: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    ]);
    expect(end.lines.at(-1)).toBe('No bounce within 4 s');
  });

  it('with Client secret, turns an unknown recipient’s NDR into the 5.1.10 diagnosis', async () => {
    const nobody = `nobody@${DEMO_USERS.erpService.split('@')[1] ?? ''}`;
    const input = viaEwsWithSecret(h.input(), nobody);
    await h.newCheck({ follow }).run(input);
    const end = await followed(input.runId);
    expect(end.bounce?.diagnosisId).toBe('dsn-recipient-not-found');
    expect(end.bounce?.lines[0]).toBe(`Failed: Delivery (5.1.10 for ${nobody})`);
    expect(end.lines).toContain(
      `Delivery to the recipient’s Inbox not followed: ${nobody} has no mailbox in this organisation (HTTP 500, ErrorNonExistentMailbox); a bounce would say why.`,
    );
  });

  it('with User name/Password, reads only the own mailbox: Saved, the recipient not followed', async () => {
    const input = h.input({ dialog: { ...h.input().dialog, sendThrough: 'ews' } });
    const result = await h.newCheck({ follow }).run(input);
    expect(result.lines[0]).toBe('OK!');
    const end = await followed(input.runId);
    expect(end.lines).toEqual([
      'Delivery to the recipient not followed: these credentials read only the signed-in user’s own mailbox.',
      expect.stringMatching(/^Saved in Sent Items: /),
      'No bounce within 4 s',
    ]);
  });
});

/** Server based, via Microsoft Exchange: the demo tenant answers as the on-premises server. */
const onPremises = (input: CheckRunInput, recipient: string): CheckRunInput => ({
  ...input,
  form: { ...input.form, emailMethod: 'exchange', serverAddress: 'exchange.contoso.local' },
  secrets: { exchangePassword: { action: 'set', value: DEMO_PASSWORD } },
  dialog: { ...input.dialog, emailMethod: 'exchange', recipient },
});

describe('following the message after OK! (on-premises Exchange, EWS with Basic auth)', () => {
  it('to the own mailbox: Delivered with seconds, Saved, No bounce, read over EWS', async () => {
    const input = onPremises(h.input(), DEMO_USERS.erpService);
    const result = await h.newCheck({ follow }).run(input);
    expect(result.lines[0]).toBe('OK!');
    const end = await followed(input.runId);
    expect(end.lines).toEqual([
      expect.stringMatching(/^Delivered to the recipient’s Inbox after \d+ s$/),
      expect.stringMatching(/^Saved in Sent Items: \d{4}-\d\d-\d\dT/),
      'No bounce within 4 s',
    ]);
    const { entries } = await logged(input.runId);
    expect(entries).toEqual([expect.objectContaining({ ok: true, delivery: end.lines })]);
  });

  it('to another mailbox: the line that says delivery was not followed and why', async () => {
    const input = onPremises(h.input(), DEMO_USERS.recipient);
    await h.newCheck({ follow }).run(input);
    const end = await followed(input.runId);
    expect(end.lines).toEqual([
      'Delivery to the recipient not followed: these credentials read only the signed-in user’s own mailbox.',
      expect.stringMatching(/^Saved in Sent Items: /),
      'No bounce within 4 s',
    ]);
    // The Test log entry is written last: the harness may close its folder only after it.
    await logged(input.runId);
  });
});
