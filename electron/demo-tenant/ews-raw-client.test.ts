import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ewsSchemaErrors } from '../../test-support/services/ews-schema';
import { rawHttps, rawToken, type RawResponse } from '../../test-support/services/raw-https';
import { startDemoTenant, type DemoTenant } from './index';
import { DEMO_PASSWORD, DEMO_SHARED_MAILBOXES, DEMO_USERS } from './seed';

/*
 * An EWS client other than ews-javascript-api: bare HTTPS and SOAP written from Microsoft's EWS
 * reference (CreateItem, GetFolder, FindItem, ResolveNames, RequestServerVersion,
 * ExchangeImpersonation) and Autodiscover pages. Pointed at the demo tenant, only the token URL
 * and the Autodiscover host differ from Exchange Online.
 */

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const TYPES = 'http://schemas.microsoft.com/exchange/services/2006/types';
const MESSAGES = 'http://schemas.microsoft.com/exchange/services/2006/messages';

let tenant: DemoTenant;
let http: ReturnType<typeof rawHttps>;
let tokenUrl: string;
const answers: { label: string; xml: string }[] = [];

beforeAll(async () => {
  tenant = await startDemoTenant({ propagationDelayMs: 0 });
  http = rawHttps(tenant.caPem);
  tokenUrl = `${tenant.authorityFor(tenant.seed.tenantId)}/oauth2/v2.0/token`;
});
afterAll(async () => {
  http.close();
  await tenant.close();
});
beforeEach(() => tenant.state.reset());

const parse = (xml: string) =>
  new XMLParser({
    removeNSPrefix: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    htmlEntities: true,
  }).parse(xml) as unknown;

/** Walks fast-xml-parser's output; undefined where a step is missing. */
function at(node: unknown, ...keys: string[]): unknown {
  let here = node;
  for (const key of keys)
    here = here && typeof here === 'object' ? (here as Record<string, unknown>)[key] : undefined;
  return here;
}

const appToken = () =>
  rawToken(http, tokenUrl, {
    client_id: tenant.seed.apps.clientSecret,
    client_secret: tenant.seed.clientSecret.value,
    scope: 'https://outlook.office365.com/.default',
    grant_type: 'client_credentials',
  });

const userToken = (username: string) =>
  rawToken(http, tokenUrl, {
    client_id: tenant.seed.apps.ropc,
    scope: 'https://outlook.office365.com/EWS.AccessAsUser.All',
    username,
    password: DEMO_PASSWORD,
    grant_type: 'password',
  });

/** Autodiscover JSON v1.0, anonymous: where EWS is for this mailbox. */
async function discoverEws(address: string): Promise<string> {
  const res = await http.call(
    `${tenant.graphUrl}/autodiscover/autodiscover.json/v1.0/${encodeURIComponent(address)}?Protocol=EWS`,
  );
  expect(res.status).toBe(200);
  const body = res.json<{ Protocol: string; Url: string }>();
  expect(body.Protocol).toBe('EWS');
  return body.Url;
}

interface Call {
  token: string;
  body: string;
  /** ExchangeImpersonation for app-only tokens. */
  impersonate?: string;
  version?: string;
  label: string;
}

async function soap(url: string, call: Call): Promise<RawResponse> {
  const impersonation = call.impersonate
    ? `<t:ExchangeImpersonation><t:ConnectingSID><t:SmtpAddress>${call.impersonate}</t:SmtpAddress></t:ConnectingSID></t:ExchangeImpersonation>`
    : '';
  const envelope =
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<soap:Envelope xmlns:soap="${SOAP}" xmlns:t="${TYPES}">` +
    `<soap:Header><t:RequestServerVersion Version="${call.version ?? 'Exchange2016'}"/>${impersonation}</soap:Header>` +
    `<soap:Body>${call.body}</soap:Body></soap:Envelope>`;
  const res = await http.call(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${call.token}`,
      'content-type': 'text/xml; charset=utf-8',
    },
    body: envelope,
  });
  if (res.text.startsWith('<?xml')) answers.push({ label: call.label, xml: res.text });
  return res;
}

const createItem = (from: string, to: string, subject: string) =>
  `<CreateItem MessageDisposition="SendAndSaveCopy" xmlns="${MESSAGES}">` +
  `<SavedItemFolderId><t:DistinguishedFolderId Id="sentitems"/></SavedItemFolderId>` +
  `<Items><t:Message><t:ItemClass>IPM.Note</t:ItemClass><t:Subject>${subject}</t:Subject>` +
  `<t:Body BodyType="Text">Priority - Update specification</t:Body>` +
  `<t:ToRecipients><t:Mailbox><t:EmailAddress>${to}</t:EmailAddress></t:Mailbox></t:ToRecipients>` +
  `<t:From><t:Mailbox><t:EmailAddress>${from}</t:EmailAddress></t:Mailbox></t:From>` +
  `</t:Message></Items></CreateItem>`;

const getFolder = (...ids: string[]) =>
  `<GetFolder xmlns="${MESSAGES}"><FolderShape><t:BaseShape>Default</t:BaseShape></FolderShape>` +
  `<FolderIds>${ids.map((id) => `<t:DistinguishedFolderId Id="${id}"/>`).join('')}</FolderIds></GetFolder>`;

const findNewest = (count: number) =>
  `<FindItem Traversal="Shallow" xmlns="${MESSAGES}">` +
  `<ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>` +
  `<t:FieldURI FieldURI="item:Subject"/><t:FieldURI FieldURI="item:DateTimeReceived"/>` +
  `</t:AdditionalProperties></ItemShape>` +
  `<IndexedPageItemView MaxEntriesReturned="${count}" Offset="0" BasePoint="Beginning"/>` +
  `<SortOrder><t:FieldOrder Order="Descending"><t:FieldURI FieldURI="item:DateTimeReceived"/></t:FieldOrder></SortOrder>` +
  `<ParentFolderIds><t:DistinguishedFolderId Id="inbox"/></ParentFolderIds></FindItem>`;

const getItem = (shape: string, ...ids: string[]) =>
  `<GetItem xmlns="${MESSAGES}"><ItemShape>${shape}</ItemShape>` +
  `<ItemIds>${ids.map((id) => `<t:ItemId Id="${id}"/>`).join('')}</ItemIds></GetItem>`;

const list = <T>(v: T | T[] | undefined): T[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

function responseMessages(res: RawResponse, operation: string): unknown[] {
  expect(res.status).toBe(200);
  const doc = parse(res.text);
  return list(
    at(
      doc,
      'Envelope',
      'Body',
      `${operation}Response`,
      'ResponseMessages',
      `${operation}ResponseMessage`,
    ),
  );
}

function fault(res: RawResponse): { code: string; text: string; version?: string } {
  expect(res.status).toBe(500);
  const env = at(parse(res.text), 'Envelope');
  const faultString = at(env, 'Body', 'Fault', 'faultstring');
  const version = at(env, 'Header', 'ServerVersionInfo', 'Version');
  return {
    code: String(at(env, 'Body', 'Fault', 'detail', 'ResponseCode')),
    text: String(at(faultString, '#text') ?? faultString),
    ...(typeof version === 'string' ? { version } : {}),
  };
}

describe('an independent EWS client against the demo tenant', () => {
  it('app-only: finds EWS by Autodiscover, sends with impersonation and no X-AnchorMailbox, reads the inbox', async () => {
    const token = await appToken();
    const url = await discoverEws(DEMO_USERS.erpService);
    expect(url).toBe(tenant.ewsUrl);
    const [sent] = responseMessages(
      await soap(url, {
        token,
        impersonate: DEMO_USERS.erpService,
        body: createItem(DEMO_USERS.erpService, DEMO_USERS.recipient, 'Project Action'),
        label: 'CreateItem',
      }),
      'CreateItem',
    );
    expect(sent).toMatchObject({ ResponseClass: 'Success', ResponseCode: 'NoError' });
    expect(
      tenant.state.readMailbox(DEMO_USERS.erpService).folders.sentitems.map((m) => m.subject),
    ).toEqual(['Project Action']);

    const [inbox] = responseMessages(
      await soap(url, {
        token,
        impersonate: DEMO_USERS.recipient,
        body: getFolder('inbox'),
        label: 'GetFolder',
      }),
      'GetFolder',
    );
    expect(at(inbox, 'Folders', 'Folder')).toMatchObject({
      DisplayName: 'Inbox',
      TotalCount: '1',
      UnreadCount: '1',
    });

    const [found] = responseMessages(
      await soap(url, {
        token,
        impersonate: DEMO_USERS.recipient,
        body: findNewest(3),
        label: 'FindItem IdOnly',
      }),
      'FindItem',
    );
    const message = at(found, 'RootFolder', 'Items', 'Message') as Record<string, unknown>;
    expect(Object.keys(message).sort()).toEqual(['DateTimeReceived', 'ItemId', 'Subject']);
    expect(message.Subject).toBe('Project Action');
  });

  it('delegated: sends as the signed-in user and reads their inbox', async () => {
    const url = await discoverEws(DEMO_USERS.erpService);
    const erp = await userToken(DEMO_USERS.erpService);
    responseMessages(
      await soap(url, {
        token: erp,
        body: createItem(DEMO_USERS.erpService, DEMO_USERS.recipient, 'Delegated'),
        label: 'CreateItem delegated',
      }),
      'CreateItem',
    );
    const dana = await userToken(DEMO_USERS.recipient);
    const [found] = responseMessages(
      await soap(url, { token: dana, body: findNewest(1), label: 'FindItem delegated' }),
      'FindItem',
    );
    expect(at(found, 'RootFolder', 'Items', 'Message', 'Subject')).toBe('Delegated');
  });

  it('GetFolder answers for every distinguished folder', async () => {
    const names = [
      'root',
      'msgfolderroot',
      'inbox',
      'sentitems',
      'drafts',
      'deleteditems',
      'outbox',
      'junkemail',
    ];
    const messages = responseMessages(
      await soap(tenant.ewsUrl, {
        token: await userToken(DEMO_USERS.erpService),
        body: getFolder(...names),
        label: 'GetFolder distinguished',
      }),
      'GetFolder',
    );
    expect(messages.map((m) => at(m, 'ResponseCode'))).toEqual(names.map(() => 'NoError'));
    expect(messages.map((m) => at(m, 'Folders', 'Folder', 'DisplayName'))).toEqual([
      '',
      'Top of Information Store',
      'Inbox',
      'Sent Items',
      'Drafts',
      'Deleted Items',
      'Outbox',
      'Junk Email',
    ]);
  });

  it('GetItem in the shapes clients ask for: IdOnly with AdditionalProperties, Default with MIME, AllProperties as HTML', async () => {
    const token = await appToken();
    const read = (body: string, label: string) =>
      soap(tenant.ewsUrl, { token, impersonate: DEMO_USERS.recipient, body, label });
    responseMessages(
      await soap(tenant.ewsUrl, {
        token,
        impersonate: DEMO_USERS.erpService,
        body: createItem(DEMO_USERS.erpService, DEMO_USERS.recipient, 'Größe &amp; &lt;Preis&gt;'),
        label: 'CreateItem for GetItem',
      }),
      'CreateItem',
    );
    const [found] = responseMessages(await read(findNewest(1), 'FindItem for GetItem'), 'FindItem');
    const id = String(at(found, 'RootFolder', 'Items', 'Message', 'ItemId', 'Id'));

    const idOnly = `<t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties><t:FieldURI FieldURI="item:Subject"/><t:FieldURI FieldURI="item:Body"/></t:AdditionalProperties>`;
    const [slim] = responseMessages(await read(getItem(idOnly, id), 'GetItem IdOnly'), 'GetItem');
    const slimMessage = at(slim, 'Items', 'Message') as Record<string, unknown>;
    expect(Object.keys(slimMessage).sort()).toEqual(['Body', 'ItemId', 'Subject']);
    expect(slimMessage.Subject).toBe('Größe & <Preis>');
    expect(at(slimMessage, 'Body')).toMatchObject({ BodyType: 'Text' });

    const mime = `<t:BaseShape>Default</t:BaseShape><t:IncludeMimeContent>true</t:IncludeMimeContent>`;
    const [full] = responseMessages(await read(getItem(mime, id), 'GetItem MIME'), 'GetItem');
    const content = at(full, 'Items', 'Message', 'MimeContent') as Record<string, string>;
    expect(content.CharacterSet).toBe('UTF-8');
    const rfc822 = Buffer.from(content['#text'] ?? '', 'base64').toString('utf8');
    expect(rfc822).toContain(
      `Subject: =?UTF-8?B?${Buffer.from('Größe & <Preis>').toString('base64')}?=`,
    );
    expect(rfc822).toContain(`From: ${DEMO_USERS.erpService}`);
    const body = rfc822.split('\r\n\r\n')[1] ?? '';
    expect(Buffer.from(body, 'base64').toString('utf8')).toBe('Priority - Update specification');
    expect(at(full, 'Items', 'Message', 'From', 'Mailbox', 'EmailAddress')).toBe(
      DEMO_USERS.erpService,
    );

    const asHtml = `<t:BaseShape>AllProperties</t:BaseShape><t:BodyType>HTML</t:BodyType>`;
    const [html] = responseMessages(await read(getItem(asHtml, id), 'GetItem HTML'), 'GetItem');
    expect(at(html, 'Items', 'Message', 'Body')).toMatchObject({ BodyType: 'HTML' });
    expect(at(html, 'Items', 'Message', 'MimeContent')).toBeUndefined();
  });

  it('GetItem answers each id on its own: found, not found, not the caller\u2019s to read', async () => {
    const token = await appToken();
    responseMessages(
      await soap(tenant.ewsUrl, {
        token,
        impersonate: DEMO_USERS.erpService,
        body: createItem(DEMO_USERS.erpService, DEMO_USERS.recipient, 'Mine'),
        label: 'CreateItem for GetItem ids',
      }),
      'CreateItem',
    );
    const [sent] = tenant.state.readMailbox(DEMO_USERS.erpService).folders.sentitems;
    const [received] = tenant.state.readMailbox(DEMO_USERS.recipient).folders.inbox;
    const messages = responseMessages(
      await soap(tenant.ewsUrl, {
        token,
        impersonate: DEMO_USERS.recipient,
        body: getItem(
          '<t:BaseShape>IdOnly</t:BaseShape>',
          received?.itemId ?? '',
          'AAMkAGDemoNoSuchItem',
          sent?.itemId ?? '',
        ),
        label: 'GetItem ids',
      }),
      'GetItem',
    );
    expect(messages.map((m) => at(m, 'ResponseCode'))).toEqual([
      'NoError',
      'ErrorItemNotFound',
      'ErrorAccessDenied',
    ]);
    expect(at(messages[0], 'Items', 'Message', 'ItemId', 'Id')).toBe(received?.itemId);
  });

  it('an operation the demo does not implement: Exchange’s fault, with ServerVersionInfo', async () => {
    const res = await soap(tenant.ewsUrl, {
      token: await userToken(DEMO_USERS.erpService),
      body: `<ResolveNames xmlns="${MESSAGES}" ReturnFullContactData="true"><UnresolvedEntry>dana</UnresolvedEntry></ResolveNames>`,
      label: 'ResolveNames',
    });
    expect(fault(res)).toMatchObject({ code: 'ErrorInvalidOperation', version: 'V2018_01_08' });
  });

  it('refuses a RequestServerVersion Exchange does not know, and a wrong namespace, each fault with ServerVersionInfo', async () => {
    const token = await userToken(DEMO_USERS.erpService);
    const version = await soap(tenant.ewsUrl, {
      token,
      version: 'Exchange2099',
      body: getFolder('inbox'),
      label: 'bad version',
    });
    // Exchange's answer to a version it does not know, with the version it does run.
    expect(fault(version)).toEqual({
      code: 'ErrorInvalidRequest',
      text: 'The request is invalid.',
      version: 'V2018_01_08',
    });
    const namespace = await soap(tenant.ewsUrl, {
      token,
      body: getFolder('inbox').replace(
        MESSAGES,
        'http://schemas.microsoft.com/exchange/services/2006/message',
      ),
      label: 'wrong namespace',
    });
    expect(fault(namespace)).toMatchObject({
      code: 'ErrorSchemaValidation',
      version: 'V2018_01_08',
    });
    expect(fault(namespace).text).toContain('has invalid child element');
  });

  it('every SOAP answer above is valid against Exchange Online’s schema', () => {
    expect(answers.length).toBeGreaterThanOrEqual(8);
    expect(ewsSchemaErrors(answers)).toBe('');
  });
});

describe('EWS access controls: 403 with X-EWS-Policy-Reason, as "Control access to EWS in Exchange" gives it', () => {
  const DISABLED = 'EWS is disabled for this user or tenant';
  const BLOCKED = 'EWS is blocked by policy for this user or tenant';

  const send = async (token: string, impersonate?: string) =>
    soap(tenant.ewsUrl, {
      token,
      impersonate,
      body: createItem(impersonate ?? DEMO_USERS.erpService, DEMO_USERS.recipient, 'x'),
      label: 'policy',
    });

  const expectRefused = (res: RawResponse, reason: string) => {
    expect(res.status).toBe(403);
    expect(res.headers['x-ews-policy-reason']).toBe(reason);
  };

  it('the seed is a tenant that opted in: EWS works', async () => {
    expect((await send(await userToken(DEMO_USERS.erpService))).status).toBe(200);
  });

  it('EwsEnabled False for the organisation, and never set (the default since 2026-10-01)', async () => {
    const token = await userToken(DEMO_USERS.erpService);
    tenant.state.updateOrganization({ ewsEnabled: false });
    expectRefused(await send(token), DISABLED);
    tenant.state.updateOrganization({ ewsEnabled: null });
    expectRefused(await send(token), DISABLED);
  });

  it('EwsEnabled False for the mailbox; True for a mailbox cannot override the organisation', async () => {
    const token = await appToken();
    tenant.state.updateMailbox(DEMO_SHARED_MAILBOXES.orders, { ewsEnabled: false });
    expectRefused(await send(token, DEMO_SHARED_MAILBOXES.orders), DISABLED);
    expect((await send(token, DEMO_USERS.erpService)).status).toBe(200);
    tenant.state.updateMailbox(DEMO_USERS.erpService, { ewsEnabled: true });
    tenant.state.updateOrganization({ ewsEnabled: false });
    expectRefused(await send(token, DEMO_USERS.erpService), DISABLED);
  });

  it('an app not in EwsAllowedAppIDs is blocked by policy; an empty list restricts no app', async () => {
    const token = await userToken(DEMO_USERS.erpService);
    tenant.state.updateOrganization({ ewsAllowedAppIds: [tenant.seed.apps.clientSecret] });
    expectRefused(await send(token), BLOCKED);
    tenant.state.updateOrganization({ ewsAllowedAppIds: [] });
    expect((await send(token)).status).toBe(200);
  });

  it('a 403 for another reason (permissions still propagating) has no X-EWS-Policy-Reason', async () => {
    const slow = await startDemoTenant({ propagationDelayMs: 60_000 });
    const other = rawHttps(slow.caPem);
    try {
      slow.state.updateApp(slow.seed.apps.ropc, { adminConsentGranted: false });
      slow.state.updateApp(slow.seed.apps.ropc, { adminConsentGranted: true });
      const token = await rawToken(
        other,
        `${slow.authorityFor(slow.seed.tenantId)}/oauth2/v2.0/token`,
        {
          client_id: slow.seed.apps.ropc,
          scope: 'https://outlook.office365.com/EWS.AccessAsUser.All',
          username: DEMO_USERS.erpService,
          password: DEMO_PASSWORD,
          grant_type: 'password',
        },
      );
      const res = await other.call(slow.ewsUrl, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/xml; charset=utf-8' },
        body: '<x/>',
      });
      expect(res.status).toBe(403);
      expect(res.headers['x-ews-policy-reason']).toBeUndefined();
    } finally {
      other.close();
      await slow.close();
    }
  });
});

describe('Autodiscover', () => {
  const poxRequest = (
    address: string,
    schema = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a',
  ) =>
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006">` +
    `<Request><EMailAddress>${address}</EMailAddress><AcceptableResponseSchema>${schema}</AcceptableResponseSchema></Request></Autodiscover>`;

  const pox = async (body: string, token?: string) =>
    http.call(`${tenant.graphUrl}/autodiscover/autodiscover.xml`, {
      method: 'POST',
      headers: {
        'content-type': 'text/xml; charset=utf-8',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body,
    });

  it('POX: the EXPR protocol with the EWS URL for a mailbox of the tenant', async () => {
    const res = await pox(poxRequest(DEMO_SHARED_MAILBOXES.orders), await appToken());
    expect(res.status).toBe(200);
    const doc = new XMLParser({ removeNSPrefix: true }).parse(res.text) as {
      Autodiscover: {
        Response: { User: Record<string, string>; Account: { Protocol: Record<string, string> } };
      };
    };
    expect(doc.Autodiscover.Response.User.AutoDiscoverSMTPAddress).toBe(
      DEMO_SHARED_MAILBOXES.orders,
    );
    expect(doc.Autodiscover.Response.Account.Protocol).toMatchObject({
      Type: 'EXPR',
      EwsUrl: tenant.ewsUrl,
    });
  });

  it('POX: error 500 for an unknown address, 601 for another schema, 401 without a token', async () => {
    const token = await appToken();
    expect((await pox(poxRequest('ghost@contoso-demo.onmicrosoft.com'), token)).text).toContain(
      '<ErrorCode>500</ErrorCode>',
    );
    expect((await pox(poxRequest(DEMO_USERS.erpService, 'urn:other'), token)).text).toContain(
      '<ErrorCode>601</ErrorCode>',
    );
    expect((await pox(poxRequest(DEMO_USERS.erpService))).status).toBe(401);
  });

  it('JSON v1.0: Protocol=EWS and ActiveSync; an unknown protocol is refused', async () => {
    const base = `${tenant.graphUrl}/autodiscover/autodiscover.json/v1.0/${DEMO_USERS.recipient}`;
    const active = await http.call(`${base}?Protocol=ActiveSync`);
    expect(active.json()).toEqual({
      Protocol: 'ActiveSync',
      Url: `${tenant.origin}/Microsoft-Server-ActiveSync`,
    });
    const bad = await http.call(`${base}?Protocol=Imap`);
    expect(bad.status).toBe(400);
    expect(bad.json<{ ErrorCode: string }>().ErrorCode).toBe('InvalidProtocol');
  });
});
