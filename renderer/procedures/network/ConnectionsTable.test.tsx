import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ConnectionRow } from '../../../shared/contract/network';
import { ConnectionsTable } from './ConnectionsTable';
import { tlsText } from './connection-text';

const rows: ConnectionRow[] = [
  {
    service: 'sign-in',
    host: 'login.microsoftonline.com:443',
    route: 'via proxy.corp.example:8080 (Manual)',
    tls: { issuer: 'DigiCert Global Root G2', trusted: true },
    ok: true,
    result: 'OK',
  },
  {
    service: 'ews',
    host: 'outlook.office365.com:443',
    route: 'direct',
    tls: { issuer: 'Corp Inspection CA', trusted: false, inspectedBy: 'Corp Inspection CA' },
    ok: false,
    result: 'The certificate is not trusted.',
    fix: "Add the proxy's root certificate to this computer's store.",
    diagnosisId: 'tls-untrusted',
  },
  {
    service: 'smtp',
    host: 'smtp.office365.com:587',
    route: 'direct',
    ok: false,
    result: 'The connection timed out.',
  },
];

const cells = (html: string) =>
  [...html.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((m) =>
    (m[1] ?? '')
      .replace(/<[^>]+>/g, ' ')
      .replaceAll('&#x27;', "'")
      .replace(/\s+/g, ' ')
      .trim(),
  );

describe('ConnectionsTable', () => {
  it('shows Host, Route, TLS and Result, with the fix beneath a failure and its links', () => {
    const html = renderToStaticMarkup(
      <ConnectionsTable rows={rows} fixLinks={(id) => <a href={`#${id}`}>Fix it</a>} />,
    );
    expect(cells(html)).toEqual([
      'Host',
      'Route',
      'TLS',
      'Result',
      'login.microsoftonline.com:443',
      'via proxy.corp.example:8080 (Manual)',
      'DigiCert Global Root G2; trusted',
      'OK',
      'outlook.office365.com:443',
      'direct',
      'Corp Inspection CA; not trusted; inspected by Corp Inspection CA',
      "The certificate is not trusted. Add the proxy's root certificate to this computer's store. Fix it",
      'smtp.office365.com:587',
      'direct',
      '—',
      'The connection timed out.',
    ]);
    expect(html).toContain('aria-label="Connections"');
    expect(html).toContain('href="#tls-untrusted"');
  });

  it('says so when the settings use no host', () => {
    expect(renderToStaticMarkup(<ConnectionsTable rows={[]} />)).toContain('no hosts to check');
  });
});

describe('tlsText', () => {
  it('names the issuer and whether it is trusted', () => {
    expect(tlsText({ issuer: 'R3', trusted: true })).toBe('R3; trusted');
    expect(tlsText(undefined)).toBe('—');
  });
});
