import { describe, expect, it } from 'vitest';
import { describeFailure, diagnose } from './diagnose';
import type { FailureFacts } from './failure';

const fault = (
  step: FailureFacts['step'],
  network: FailureFacts['network'],
  host?: string,
): FailureFacts => ({ step, network, host, message: `${network} error` });

const lineOf = (lines: string[], prefix: string) => lines.filter((l) => l.startsWith(prefix));

describe('network failures', () => {
  it('name the service and the host that failed, and the real fix', () => {
    const lines = describeFailure(fault('token', 'dns', 'login.microsoftonline.com'), 'password');
    expect(lines[0]).toBe('Failed: Acquire token (login.microsoftonline.com)');
    expect(lineOf(lines, 'Meaning:')[0]).toContain('Microsoft sign-in could not be reached');
    const fix = lineOf(lines, 'Fix:')[0] ?? '';
    expect(fix).toContain('nslookup login.microsoftonline.com');
    expect(fix).toMatch(/VPN/);
    expect(fix).toMatch(/proxy/);
    // Nobody typed login.microsoftonline.com: no typo to look for, and no row to go to.
    expect(fix).not.toMatch(/typo/);
    expect(lineOf(lines, 'Setup step:')).toEqual([]);
  });

  it.each<[FailureFacts['step'], string]>([
    ['token', 'Microsoft sign-in'],
    ['send', 'Exchange Web Services (EWS)'],
    ['graph-send', 'Microsoft Graph'],
    ['smtp-connect', 'SMTP server'],
    ['imap', 'IMAP server'],
  ])('a DNS failure in %s names %s', (step, service) => {
    expect(diagnose(fault(step, 'dns'))?.meaning).toContain(service);
  });

  it('links to Server address only when that host failed, on System settings', () => {
    const ews = describeFailure(fault('send', 'dns', 'outlook.office365.cm'), 'password');
    expect(lineOf(ews, 'Fix:')[0]).toContain('Check outlook.office365.cm for typos');
    expect(lineOf(ews, 'Setup step:')).toEqual([
      'Setup step: System settings, rows 15–16: Server address (Exchange/SMTP) and Port (Exchange/SMTP)',
    ]);
    const graph = describeFailure(fault('graph-send', 'dns', 'graph.microsoft.com'), 'password');
    expect(lineOf(graph, 'Setup step:')).toEqual([]);
  });

  it('on the incoming screen links to its own Server name, never to System settings', () => {
    for (const step of ['folder', 'imap'] as const) {
      const lines = describeFailure(
        fault(step, 'timeout', 'mail.contoso.com'),
        'password',
        undefined,
        'incoming-mail',
      );
      expect(lineOf(lines, 'Setup step:')).toEqual([
        'Setup step: Settings for incoming e-mail: Server name',
      ]);
    }
  });

  it('a TLS failure points at TLS inspection, a refused one at the firewall', () => {
    const tls = lineOf(describeFailure(fault('token', 'tls'), 'password'), 'Fix:')[0];
    expect(tls).toMatch(/TLS inspection/);
    expect(tls).toContain('login.microsoftonline.com');
    const refused = lineOf(
      describeFailure(fault('graph-folder', 'refused'), 'password'),
      'Fix:',
    )[0];
    expect(refused).toMatch(/firewall/);
    expect(refused).toContain('graph.microsoft.com');
  });
});
