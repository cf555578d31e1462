import { describe, expect, it } from 'vitest';
import type { CheckRunInput } from '../../../shared/contract/check';
import { CLIENT_SECRET_APP_ID, DEMO_SECRET_VALUE, DEMO_USERS } from '../../demo-tenant/seed';
import type { CheckHarness } from '../../../test-support/services/check-harness';
import { useCheckHarness } from '../../../test-support/testing/use-check-harness';

let h: CheckHarness;
useCheckHarness((harness) => (h = harness));

const throughGraph = (input: CheckRunInput): CheckRunInput => ({
  ...input,
  dialog: { ...input.dialog, sendThrough: 'graph' },
});

const clientSecret = (input: CheckRunInput): CheckRunInput => ({
  ...input,
  form: { ...input.form, clientId: CLIENT_SECRET_APP_ID, authFlow: 'client-secret' },
  secrets: { clientSecret: { action: 'set', value: DEMO_SECRET_VALUE } },
});

const inbox = (address: string) => h.tenant.state.readMailbox(address).folders.inbox;

describe('Send through Microsoft Graph', () => {
  it('sends with delegated Mail.Send (User name/Password) and says 202 Accepted', async () => {
    const result = await h.newCheck().run(throughGraph(h.input()));
    expect(result.lines[0]).toBe('OK!');
    expect(result.steps.map((s) => s.step)).toEqual(['validate', 'token', 'graph-send']);
    expect(result.lines).toContain('Token audience: https://graph.microsoft.com');
    expect(result.lines.some((l) => /^Token scopes: .*Mail\.Send/.test(l))).toBe(true);
    expect(result.lines).toContain('Microsoft Graph: HTTP 202 Accepted (taken for delivery)');
    expect(result.lines.some((l) => /^Microsoft's request ID: [0-9a-f-]{36}$/.test(l))).toBe(true);
    expect(result.lines.join('\n')).not.toMatch(/EWS in Exchange Online ends/);
    expect(inbox(DEMO_USERS.recipient).at(-1)?.subject).toMatch(/^ERP Mail Settings: test message/);
  });

  it('sends with the application permission (Client secret) and names the role', async () => {
    const result = await h.newCheck().run(throughGraph(clientSecret(h.input())));
    expect(result.lines[0]).toBe('OK!');
    expect(result.lines.some((l) => /^Token roles: .*Mail\.Send/.test(l))).toBe(true);
    expect(inbox(DEMO_USERS.recipient)).toHaveLength(1);
  });

  it('keeps sending through Graph after 2027-04-01, when EWS has ended', async () => {
    const clock = { now: () => performance.now(), date: () => new Date('2027-05-01T00:00:00Z') };
    const result = await h.newCheck({ clock }).run(throughGraph(h.input()));
    expect(result.lines[0]).toBe('OK!');
  });

  it('keeps EWS and Graph tokens apart: each is reused on the next Test', async () => {
    const check = h.newCheck();
    await check.run(h.input());
    await check.run(throughGraph(h.input()));
    h.tenant.state.resetCounters();
    const ews = await check.run(h.input());
    const graph = await check.run(throughGraph(h.input()));
    expect([ews.lines[0], graph.lines[0]]).toEqual(['OK!', 'OK!']);
    expect(h.tenant.state.requestCounts().token).toBe(0);
  });
});
