import { describe, expect, it } from 'vitest';
import { diagnose } from './diagnose';
import { bouncedRecipient, parseDeliveryStatus } from './dsn';

// Written from RFC 3464 §2 and its appendix examples, and the status texts of Microsoft's
// "Email non-delivery reports and SMTP errors in Exchange Online" page: not from the demo's code.
const exchangeOnline5110 = [
  'Reporting-MTA: dns;AM9PR04MB8000.eurprd04.prod.outlook.com',
  'Received-From-MTA: dns;AM9PR04MB8000.eurprd04.prod.outlook.com',
  'Arrival-Date: Sat, 5 Dec 2026 17:01:12 +0000',
  '',
  'Final-Recipient: rfc822;nobody@contoso.com',
  'Action: failed',
  'Status: 5.1.10',
  'Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP',
  ' address lookup',
  'Remote-MTA: dns;AM9PR04MB8000.eurprd04.prod.outlook.com',
  'X-Display-Name: nobody@contoso.com',
  '',
].join('\r\n');

describe('the DSN parser (RFC 3464 message/delivery-status)', () => {
  it('reads Exchange Online’s 5.1.10: status, the remote text unfolded, the recipient', () => {
    const status = parseDeliveryStatus(exchangeOnline5110);
    expect(status.reportingMta).toBe('AM9PR04MB8000.eurprd04.prod.outlook.com');
    expect(status.recipients).toEqual([
      {
        finalRecipient: 'nobody@contoso.com',
        originalRecipient: undefined,
        action: 'failed',
        status: '5.1.10',
        remoteMta: 'AM9PR04MB8000.eurprd04.prod.outlook.com',
        diagnosticCode:
          '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup',
        willRetryUntil: undefined,
      },
    ]);
  });

  it('reads a multi-recipient DSN and picks the recipient that failed', () => {
    // RFC 3464 appendix: one recipient delivered, one failed, one delayed, in one report.
    const text = [
      'Reporting-MTA: dns; cs.utk.edu',
      '',
      'Original-Recipient: rfc822;arathib@vnet.ibm.com',
      'Final-Recipient: rfc822;arathib@vnet.ibm.com',
      'Action: delivered (to mailbox)',
      'Status: 2.0.0',
      '',
      'Original-Recipient: rfc822;louisl@larry.slip.umd.edu',
      'Final-Recipient: rfc822;louisl@larry.slip.umd.edu',
      'Action: failed',
      'Status: 5.2.2 (mailbox full)',
      'Diagnostic-Code: smtp; 554 5.2.2 mailbox full',
      '',
      'Final-Recipient: rfc822;nsb@thumper.bellcore.com',
      'Action: delayed',
      'Status: 4.4.7',
    ].join('\n');
    const status = parseDeliveryStatus(text);
    expect(status.recipients.map((r) => [r.finalRecipient, r.action, r.status])).toEqual([
      ['arathib@vnet.ibm.com', 'delivered (to mailbox)', '2.0.0'],
      ['louisl@larry.slip.umd.edu', 'failed', '5.2.2'],
      ['nsb@thumper.bellcore.com', 'delayed', '4.4.7'],
    ]);
    expect(bouncedRecipient(status)?.finalRecipient).toBe('louisl@larry.slip.umd.edu');
    expect(status.recipients[1]?.originalRecipient).toBe('louisl@larry.slip.umd.edu');
  });

  it('reads a delayed (4.4.7) report: Action delayed and Will-Retry-Until', () => {
    const text = [
      'Reporting-MTA: dns;BN8PR12MB0001.namprd12.prod.outlook.com',
      '',
      'Final-Recipient: rfc822;sales@fabrikam.example',
      'Action: delayed',
      'Status: 4.4.7',
      'Diagnostic-Code: smtp;400 4.4.7 Message delayed',
      'Will-Retry-Until: Mon, 7 Dec 2026 17:01:12 +0000',
    ].join('\r\n');
    const recipient = bouncedRecipient(parseDeliveryStatus(text));
    expect(recipient).toMatchObject({ action: 'delayed', status: '4.4.7' });
    expect(recipient?.willRetryUntil).toBe('Mon, 7 Dec 2026 17:01:12 +0000');
  });

  it('skips a recipient group without Status, and a body that is prose, not fields', () => {
    const text = 'Reporting-MTA: dns;x\n\nFinal-Recipient: rfc822;a@b\nAction: failed\n';
    expect(parseDeliveryStatus(text).recipients).toEqual([]);
    expect(parseDeliveryStatus('Delivery has failed to these recipients.').recipients).toEqual([]);
    expect(bouncedRecipient(parseDeliveryStatus(''))).toBeUndefined();
  });
});

describe('the diagnosis rows of a bounce', () => {
  const bounce = (status: string, message = '') =>
    diagnose({
      step: 'delivery',
      message,
      dsn: { status, action: status.startsWith('4') ? 'delayed' : 'failed', recipient: 'a@b' },
    })?.id;

  it.each([
    ['5.1.10', 'dsn-recipient-not-found'],
    ['5.1.8', 'dsn-outbound-spam'],
    ['5.7.708', 'dsn-outbound-spam'],
    ['5.7.1', 'dsn-not-authorized'],
    ['5.7.60', 'dsn-send-as-denied'],
    ['5.4.1', 'dsn-relay-denied'],
    ['5.2.2', 'dsn-mailbox-full'],
    ['4.4.7', 'dsn-delayed'],
  ])('%s → %s', (status, id) => {
    expect(bounce(status)).toBe(id);
  });

  it('never explains a send failure with a bounce row, nor an unknown status', () => {
    expect(bounce('5.9.99')).toBeUndefined();
    const smtp = diagnose({ step: 'smtp-send', message: '550 5.1.10', smtpStatus: '5.1.10' });
    expect(smtp?.id ?? '').not.toMatch(/^dsn-/);
  });
});
