import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../shared/diagnosis/diagnose';
import { bounceFacts, isAbout, readNonDeliveryReport } from './ndr';
import { markFor } from './port';

const RUN = '3f2b8c1e-6a4d-4e0f-9b7a-1c2d3e4f5a6b';
const mark = markFor(RUN, 'erp.mail@contoso.com');

// An Exchange Online NDR as Microsoft's NDR pages describe it: from the Microsoft Exchange
// recipient, multipart/report with the user's text, the DSN and the original headers.
function ndr(originalHeaders: string, dsn: string): string {
  return [
    'From: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@contoso.com>',
    'To: <erp.mail@contoso.com>',
    'Subject: Undeliverable: ERP: test message',
    'Content-Type: multipart/report; report-type=delivery-status;',
    '\tboundary="_000_AM9PR04MB8000_"',
    'MIME-Version: 1.0',
    '',
    '--_000_AM9PR04MB8000_',
    'Content-Type: text/plain; charset="us-ascii"',
    '',
    "Your message to nobody@contoso.com couldn't be delivered.",
    '',
    '--_000_AM9PR04MB8000_',
    'Content-Type: message/delivery-status',
    '',
    dsn,
    '',
    '--_000_AM9PR04MB8000_',
    'Content-Type: text/rfc822-headers',
    '',
    originalHeaders,
    '',
    '--_000_AM9PR04MB8000_--',
    '',
  ].join('\r\n');
}

const dsn5110 = [
  'Reporting-MTA: dns;AM9PR04MB8000.eurprd04.prod.outlook.com',
  '',
  'Final-Recipient: rfc822;nobody@contoso.com',
  'Action: failed',
  'Status: 5.1.10',
  'Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup',
].join('\r\n');

const headersOf = (messageId: string, run?: string) =>
  [
    'From: erp.mail@contoso.com',
    'To: nobody@contoso.com',
    'Subject: ERP: test message',
    `Message-ID: ${messageId}`,
    ...(run ? [`X-ERP-Test-Run: ${run}`] : []),
  ].join('\r\n');

describe('an NDR as Exchange Online writes it', () => {
  it('is read from its DSN part and explained by the 5.1.10 row', async () => {
    const report = await readNonDeliveryReport(ndr(headersOf(mark.messageId, RUN), dsn5110));
    expect(report?.originalMessageId).toBe(mark.messageId);
    expect(report?.originalRunId).toBe(RUN);
    const facts = report && bounceFacts(report);
    expect(facts?.dsn).toEqual({
      status: '5.1.10',
      action: 'failed',
      recipient: 'nobody@contoso.com',
      remoteMta: undefined,
    });
    expect(facts?.message).toMatch(/^550 5\.1\.10 RESOLVER\.ADR\.RecipientNotFound/);
    expect(facts && diagnose(facts)?.id).toBe('dsn-recipient-not-found');
  });

  it('is matched by Message-ID or run header, and never for another message', async () => {
    const byId = await readNonDeliveryReport(ndr(headersOf(mark.messageId), dsn5110));
    const byRun = await readNonDeliveryReport(ndr(headersOf('<other@contoso.com>', RUN), dsn5110));
    const other = await readNonDeliveryReport(
      ndr(
        headersOf(
          markFor('9a8b7c6d-0000-4000-8000-000000000000', 'erp.mail@contoso.com').messageId,
          '9a8b7c6d-0000-4000-8000-000000000000',
        ),
        dsn5110,
      ),
    );
    expect(byId && isAbout(byId, mark)).toBe(true);
    expect(byRun && isAbout(byRun, mark)).toBe(true);
    expect(other && isAbout(other, mark)).toBe(false);
  });

  it('is no bounce when it carries no delivery-status part', async () => {
    const plain = 'From: a@b\r\nSubject: Undeliverable: x\r\nContent-Type: text/plain\r\n\r\nprose';
    expect(await readNonDeliveryReport(plain)).toBeUndefined();
  });
});
