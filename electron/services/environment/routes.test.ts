import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoTenant, type DemoTenant } from '../../demo-tenant/index';
import { createRouter, type Router } from './routes';

describe('Demo routes: the demo tenant answers as Microsoft’s hosts are', () => {
  let demo: DemoTenant;
  let router: Router;
  beforeAll(async () => {
    demo = await startDemoTenant();
    router = createRouter(
      () => true,
      async () => demo,
      2_000,
    );
  });
  afterAll(async () => {
    router.close();
    await demo.close();
  });

  const smtpPort = async (serverAddress: string, port: number, useSsl = false) =>
    (await router.smtpRoute({ serverAddress, port, useSsl })).connectPort;
  const ewsPort = async (serverAddress: string, port: number) =>
    new URL((await router.route({ tenantId: 't', serverAddress, port })).ewsUrl).port;

  it('SMTP: smtp.office365.com speaks SMTP on 587 only; the HTTPS hosts answer on 443 only', async () => {
    expect(await smtpPort('smtp.office365.com', 587)).toBe(demo.smtp.starttlsPort);
    expect(await smtpPort('smtp.office365.com', 0)).toBe(demo.smtp.starttlsPort);
    // TLS from the first byte to 587 meets the SMTP banner, as at Microsoft.
    expect(await smtpPort('smtp.office365.com', 587, true)).toBe(demo.smtp.starttlsPort);
    expect(await smtpPort('smtp.office365.com', 465, true)).toBe(demo.unservedPort);
    expect(await smtpPort('outlook.office365.com', 443)).toBe(demo.httpsPort);
    expect(await smtpPort('Outlook.Office365.com', 587)).toBe(demo.unservedPort);
  });

  it('SMTP: a server of one’s own still reaches the demo’s SMTP as Use SSL asks', async () => {
    expect(await smtpPort('mail.contoso.com', 587)).toBe(demo.smtp.starttlsPort);
    expect(await smtpPort('mail.contoso.com', 465, true)).toBe(demo.smtp.implicitTlsPort);
  });

  it('EWS: outlook.office365.com on 443 is the demo’s EWS; smtp.office365.com:587 is its SMTP', async () => {
    const https = String(demo.httpsPort);
    expect(await ewsPort('outlook.office365.com', 0)).toBe(https);
    expect(await ewsPort('outlook.office365.com', 443)).toBe(https);
    expect(await ewsPort('smtp.office365.com', 587)).toBe(String(demo.smtp.starttlsPort));
    expect(await ewsPort('outlook.office365.com', 8443)).toBe(String(demo.unservedPort));
    expect(await ewsPort('exchange.contoso.com', 444)).toBe(https);
  });
});
