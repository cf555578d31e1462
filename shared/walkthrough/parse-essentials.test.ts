import { describe, expect, it } from 'vitest';
import { parseEssentials } from './parse-essentials';

const CLIENT = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const TENANT = '8a3c5e71-2b4d-4f69-9c1e-5d7a0b3f6e24';
const OBJECT = '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';

const ok = (text: string) => {
  const result = parseEssentials(text);
  if (!result.ok) throw new Error(`expected ok, got: ${result.message}`);
  return result;
};
const refused = (text: string) => {
  const result = parseEssentials(text);
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.ids)}`);
  return result.message;
};

describe('parseEssentials: the Overview page’s Essentials block', () => {
  it('reads the block as the portal copies it, one label and value per line with colons', () => {
    const text = [
      'Display name : Monitor G5',
      `Application (client) ID : ${CLIENT}`,
      `Object ID : ${OBJECT}`,
      `Directory (tenant) ID : ${TENANT}`,
      'Supported account types : My organization only',
      'Client credentials : Add a certificate or secret',
      'Redirect URIs : Add a Redirect URI',
      'Application ID URI : Add an Application ID URI',
    ].join('\n');
    expect(ok(text)).toEqual({
      ok: true,
      ids: { clientId: CLIENT, tenantId: TENANT },
      source: 'essentials',
      notes: [],
    });
  });

  it('takes tabs, line breaks or bare colons between label and value, in any order', () => {
    const tabs = `Directory (tenant) ID\t${TENANT}\r\nApplication (client) ID\t${CLIENT}`;
    const lines = `Directory (tenant) ID\n:\n${TENANT}\n\nObject ID\n:\n${OBJECT}\nApplication (client) ID\n:\n${CLIENT}\n`;
    const squeezed = `Application (client) ID:${CLIENT}  Directory (tenant) ID:${TENANT}`;
    for (const text of [tabs, lines, squeezed])
      expect(ok(text).ids).toEqual({ clientId: CLIENT, tenantId: TENANT });
  });

  it('accepts other casing, the short labels and values in upper case or quotes', () => {
    const text = `client id = "${CLIENT.toUpperCase()}"\nTENANT ID: '${TENANT}',`;
    expect(ok(text).ids).toEqual({ clientId: CLIENT, tenantId: TENANT });
  });

  it('never takes the Object ID or the Application ID URI for the client ID', () => {
    const result = ok(
      `Object ID : ${OBJECT}\nDirectory (tenant) ID : ${TENANT}\nApplication ID URI : api://${CLIENT}`,
    );
    expect(result.ids).toEqual({ tenantId: TENANT });
    expect(result.notes).toEqual([
      'Application (client) ID was not in the text; copy it from the Overview page.',
    ]);
  });

  it('fills what it found and says what is missing', () => {
    const result = ok(`Application (client) ID : ${CLIENT}`);
    expect(result.ids).toEqual({ clientId: CLIENT });
    expect(result.notes).toEqual([
      'Directory (tenant) ID was not in the text; copy it from the Overview page.',
    ]);
  });

  it('accepts a verified domain as the tenant', () => {
    expect(ok('Directory (tenant) ID: contoso.onmicrosoft.com').ids).toEqual({
      tenantId: 'contoso.onmicrosoft.com',
    });
  });

  it('fills nothing when a label’s value is missing, rather than taking the next row’s', () => {
    const message = refused(
      `Application (client) ID :\nObject ID : ${OBJECT}\nDirectory (tenant) ID : ${TENANT}`,
    );
    expect(message).toMatch(
      /^Application \(client\) ID is there, but “Object” after it is not a GUID\. Nothing was filled\./,
    );
  });

  it('fills nothing when a value is cut short or mistyped', () => {
    expect(
      refused(`Application (client) ID : 6f1c2d3e-4a5b\nDirectory (tenant) ID : ${TENANT}`),
    ).toContain('“6f1c2d3e-4a5b” after it is not a GUID');
    expect(refused('Directory (tenant) ID : not a tenant!')).toContain(
      'is not a GUID or a verified domain',
    );
    expect(refused('Application (client) ID')).toContain('“nothing” after it');
  });

  it('fills nothing when two app registrations were pasted', () => {
    const other = '11111111-2222-4333-8444-555555555555';
    expect(refused(`Application (client) ID: ${CLIENT}\nApplication (client) ID: ${other}`)).toBe(
      'The text holds 2 different values for Application (client) ID. Nothing was filled. Paste the Essentials block of one app registration.',
    );
    expect(
      ok(`Application (client) ID: ${CLIENT}\nClient ID: ${CLIENT.toUpperCase()}`).ids,
    ).toEqual({
      clientId: CLIENT,
    });
  });
});

describe('parseEssentials: a manifest', () => {
  it('reads appId and tenantId, never id (the Object ID) or resourceAppId', () => {
    const manifest = JSON.stringify(
      {
        id: OBJECT,
        appId: CLIENT,
        tenantId: TENANT,
        displayName: 'Monitor G5',
        requiredResourceAccess: [
          {
            resourceAppId: '00000002-0000-0ff1-ce00-000000000000',
            resourceAccess: [{ id: '3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5', type: 'Scope' }],
          },
        ],
      },
      null,
      2,
    );
    expect(ok(manifest)).toEqual({
      ok: true,
      ids: { clientId: CLIENT, tenantId: TENANT },
      source: 'manifest',
      notes: [],
    });
  });

  it('fills the client ID from a manifest without tenantId, and says the tenant is missing', () => {
    const result = ok(
      `{ "id": "${OBJECT}", "appId": "${CLIENT}", "signInAudience": "AzureADMyOrg" }`,
    );
    expect(result.ids).toEqual({ clientId: CLIENT });
    expect(result.notes).toEqual([
      'Directory (tenant) ID was not in the text; copy it from the Overview page.',
    ]);
  });

  it('reads a fragment of a manifest too', () => {
    expect(ok(`"appId": "${CLIENT}",`).ids).toEqual({ clientId: CLIENT });
  });

  it('fills nothing when the manifest’s appId is not a GUID', () => {
    expect(refused('{ "appId": "my-app", "tenantId": "x" }')).toBe(
      'The manifest’s appId “my-app” is not a GUID. Nothing was filled.',
    );
  });
});

describe('parseEssentials: anything else', () => {
  it.each([
    ['', /^Nothing was pasted\./],
    ['   \n\t ', /^Nothing was pasted\./],
    ['hello world', /^No Application \(client\) ID or Directory \(tenant\) ID found\./],
    ['{"displayName": "Monitor G5"}', /^No Application \(client\) ID/],
    [`${OBJECT}`, /^A bare ID does not say whether/],
    ['\u0000\u0001<script>alert(1)</script>', /^No Application \(client\) ID/],
    ['x'.repeat(200_001), /^The text is too long/],
  ])('refuses %#', (text, message) => {
    expect(refused(text)).toMatch(message);
  });
});
