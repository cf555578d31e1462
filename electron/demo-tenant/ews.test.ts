import * as ews from 'ews-javascript-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DemoClients,
  EWS_APP_SCOPE,
  EWS_DELEGATED_SCOPE,
} from '../../test-support/demo-tenant/clients';
import { startDemoTenant, type DemoTenant } from './index';
import { ewsFailureFacts } from '../services/mail/ews/ews-client';
import type { Route } from '../services/network/route';
import { DEMO_PASSWORD, DEMO_SHARED_MAILBOXES, DEMO_USERS } from './seed';

let tenant: DemoTenant;
let clients: DemoClients;
let clock = Date.now();

beforeAll(async () => {
  tenant = await startDemoTenant({ now: () => clock, propagationDelayMs: 60_000 });
  clients = new DemoClients(tenant);
});
afterAll(() => tenant.close());
beforeEach(() => {
  clock = Date.now();
  tenant.state.reset();
});

async function delegatedToken(): Promise<string> {
  const pca = clients.publicClient(tenant.seed.apps.ropc, tenant.seed.tenantId);
  const r = await pca.acquireTokenByUsernamePassword({
    scopes: [EWS_DELEGATED_SCOPE],
    username: DEMO_USERS.erpService,
    password: DEMO_PASSWORD,
  });
  return r!.accessToken;
}

async function appToken(): Promise<string> {
  const cca = clients.confidentialClient(
    tenant.seed.apps.clientSecret,
    tenant.seed.clientSecret.value,
    tenant.seed.tenantId,
  );
  return (await cca.acquireTokenByClientCredential({ scopes: [EWS_APP_SCOPE] }))!.accessToken;
}

/** ews-javascript-api rejects with SoapFaultDetails or ServiceResponseException, neither an Error. */
interface EwsFailure {
  HttpStatusCode?: number;
  ResponseCode?: number;
  message?: string;
  Response?: { ErrorCode: number; ErrorMessage: string };
}

async function failure(promise: Promise<unknown>): Promise<EwsFailure> {
  try {
    await promise;
  } catch (error) {
    return error as EwsFailure;
  }
  throw new Error('expected the call to fail');
}

describe('sending', () => {
  it('delegated SendAndSaveCopy lands in the recipient\u2019s inbox and the sender\u2019s Sent Items', async () => {
    const service = clients.ews(await delegatedToken());
    await clients.send(service, DEMO_USERS.recipient, 'Delegated hello');
    const inbox = tenant.state.readMailbox(DEMO_USERS.recipient).folders.inbox;
    expect(inbox.map((m) => [m.subject, m.from, m.isRead])).toEqual([
      ['Delegated hello', DEMO_USERS.erpService, false],
    ]);
    expect(
      tenant.state.readMailbox(DEMO_USERS.erpService).folders.sentitems.map((m) => m.subject),
    ).toEqual(['Delegated hello']);
    expect(service.ServerInfo.VersionString).toBe('V2018_01_08');
  });

  it('app-only with impersonation sends as the impersonated mailbox; SendOnly keeps no copy', async () => {
    const service = clients.ews(await appToken(), DEMO_SHARED_MAILBOXES.orders);
    await clients.send(service, DEMO_USERS.recipient, 'From orders', false);
    const [received] = tenant.state.readMailbox(DEMO_USERS.recipient).folders.inbox;
    expect(received?.from).toBe(DEMO_SHARED_MAILBOXES.orders);
    expect(tenant.state.readMailbox(DEMO_SHARED_MAILBOXES.orders).folders.sentitems).toEqual([]);
  });
});

describe('reading', () => {
  it('GetFolder counts, FindItem pages newest first', async () => {
    const sender = clients.ews(await appToken(), DEMO_USERS.erpService);
    for (const n of [1, 2, 3]) {
      clock += 1000;
      await clients.send(sender, DEMO_USERS.recipient, `Message ${n}`);
    }
    const reader = clients.ews(await appToken(), DEMO_USERS.recipient);
    const inbox = await ews.Folder.Bind(reader, ews.WellKnownFolderName.Inbox);
    expect([inbox.DisplayName, inbox.TotalCount, inbox.UnreadCount]).toEqual(['Inbox', 3, 3]);
    const sent = await ews.Folder.Bind(sender, ews.WellKnownFolderName.SentItems);
    expect([sent.TotalCount, sent.UnreadCount]).toEqual([3, 0]);

    const first = await reader.FindItems(ews.WellKnownFolderName.Inbox, new ews.ItemView(2));
    expect(first.Items.map((i) => i.Subject)).toEqual(['Message 3', 'Message 2']);
    expect([first.TotalCount, first.MoreAvailable, first.NextPageOffset]).toEqual([3, true, 2]);
    const second = await reader.FindItems(ews.WellKnownFolderName.Inbox, new ews.ItemView(2, 2));
    expect(second.Items.map((i) => i.Subject)).toEqual(['Message 1']);
    expect(second.MoreAvailable).toBe(false);
  });

  it('GetItem: Bind with first-class properties and MIME content, LoadPropertiesForItems with IdOnly', async () => {
    await clients.send(
      clients.ews(await appToken(), DEMO_USERS.erpService),
      DEMO_USERS.recipient,
      'Bound',
    );
    const reader = clients.ews(await appToken(), DEMO_USERS.recipient);
    const [found] = (await reader.FindItems(ews.WellKnownFolderName.Inbox, new ews.ItemView(1)))
      .Items;
    const shape = new ews.PropertySet(ews.BasePropertySet.FirstClassProperties, [
      ews.ItemSchema.MimeContent,
    ]);
    const bound = await ews.EmailMessage.Bind(reader, found!.Id, shape);
    expect([bound.Subject, bound.Body.Text, bound.From.Address]).toEqual([
      'Bound',
      'Bound: sent through the demo tenant',
      DEMO_USERS.erpService,
    ]);
    // ews-javascript-api keeps MimeContent as the base64 text of the answer.
    const mime = Buffer.from(String(bound.MimeContent.Content), 'base64').toString('utf8');
    expect(mime).toMatch(/^From: erp\.mail@.*\r\nTo: dana\.sales@/);
    expect(mime).toContain('Subject: Bound\r\n');

    const slim = new ews.PropertySet(ews.BasePropertySet.IdOnly, [ews.ItemSchema.Subject]);
    const responses = await reader.LoadPropertiesForItems([found!], slim);
    expect(responses.OverallResult).toBe(ews.ServiceResult.Success);
    expect(found!.Subject).toBe('Bound');
  });
});

describe('errors reach ews-javascript-api as Exchange Online gives them', () => {
  it('ErrorServerBusy: BackOffMilliseconds reaches the app\u2019s failure facts as the wait, or is absent', async () => {
    tenant.state.setLimits({ ews: { requests: 1, windowMs: 4_000 } });
    const service = clients.ews(await appToken(), DEMO_USERS.erpService);
    await clients.send(service, DEMO_USERS.recipient, 'First');
    const busy = await failure(clients.send(service, DEMO_USERS.recipient, 'Second'));
    const route = { ewsHost: 'outlook.office365.com' } as unknown as Route;
    const withHint = ewsFailureFacts(busy, undefined, 'send', route);
    expect(withHint).toMatchObject({ ewsCode: 'ErrorServerBusy', retryAfterSeconds: 4 });
    tenant.state.setLimits({ ews: { backOffHint: false } });
    const bare = ewsFailureFacts(
      await failure(clients.send(service, DEMO_USERS.recipient, 'Third')),
      undefined,
      'send',
      route,
    );
    expect(bare.ewsCode).toBe('ErrorServerBusy');
    expect(bare.retryAfterSeconds).toBeUndefined();
  });

  it('401 with x-ms-diagnostics 2000008 when the token carries no EWS permission', async () => {
    tenant.state.updateApp(tenant.seed.apps.clientSecret, { adminConsentGranted: false });
    clock += 120_000;
    const err = await failure(
      clients.send(clients.ews(await appToken(), DEMO_USERS.erpService), DEMO_USERS.recipient, 'x'),
    );
    expect(err.HttpStatusCode).toBe(401);
    expect(err.message).toContain('2000008;reason="The token contains no permissions');
  });

  it('401 for a token of another tenant\u2019s signer', async () => {
    const other = await startDemoTenant();
    try {
      const foreign = await new DemoClients(other)
        .confidentialClient(
          other.seed.apps.clientSecret,
          other.seed.clientSecret.value,
          other.seed.tenantId,
        )
        .acquireTokenByClientCredential({ scopes: [EWS_APP_SCOPE] });
      const err = await failure(
        ews.Folder.Bind(
          clients.ews(foreign!.accessToken, DEMO_USERS.erpService),
          ews.WellKnownFolderName.Inbox,
        ),
      );
      expect(err.HttpStatusCode).toBe(401);
      expect(err.message).toContain('2000001');
    } finally {
      await other.close();
    }
  });

  it('403 while consent propagates, then success', async () => {
    tenant.state.updateApp(tenant.seed.apps.clientSecret, { adminConsentGranted: false });
    tenant.state.updateApp(tenant.seed.apps.clientSecret, { adminConsentGranted: true });
    const service = clients.ews(await appToken(), DEMO_USERS.erpService);
    expect(
      (await failure(clients.send(service, DEMO_USERS.recipient, 'too early'))).HttpStatusCode,
    ).toBe(403);
    clock += 60_000;
    await clients.send(service, DEMO_USERS.recipient, 'propagated');
  });

  it('403 when EWS is disabled or the app is not on the allow list', async () => {
    const service = clients.ews(await delegatedToken());
    tenant.state.updateOrganization({ ewsAllowedAppIds: [tenant.seed.apps.clientSecret] });
    expect((await failure(clients.send(service, DEMO_USERS.recipient, 'x'))).HttpStatusCode).toBe(
      403,
    );
    tenant.state.updateOrganization({
      ewsAllowedAppIds: [tenant.seed.apps.ropc],
      ewsEnabled: false,
    });
    expect((await failure(clients.send(service, DEMO_USERS.recipient, 'x'))).HttpStatusCode).toBe(
      403,
    );
  });

  it('SOAP fault when an app-only token sends without impersonation', async () => {
    const err = await failure(
      clients.send(clients.ews(await appToken()), DEMO_USERS.recipient, 'x'),
    );
    expect(err.HttpStatusCode).toBe(500);
    expect(err.ResponseCode).toBe(ews.ServiceError.ErrorInvalidExchangeImpersonationHeaderData);
    expect(err.message).toBe(
      'ExchangeImpersonation SOAP header must be present for this type of OAuth token.',
    );
  });

  it('ErrorNonExistentMailbox fault for an address without a mailbox', async () => {
    const err = await failure(
      clients.send(
        clients.ews(await appToken(), 'ghost@contoso-demo.onmicrosoft.com'),
        DEMO_USERS.recipient,
        'x',
      ),
    );
    expect(err.HttpStatusCode).toBe(500);
    expect(err.ResponseCode).toBe(ews.ServiceError.ErrorNonExistentMailbox);
    expect(err.message).toBe('The SMTP address has no mailbox associated with it.');
  });

  it('ErrorImpersonateUserDenied fault for a delegated user without the role, and outside an app\u2019s access policy', async () => {
    const token = await delegatedToken();
    const service = clients.ews(token, DEMO_USERS.recipient);
    const err = await failure(clients.send(service, DEMO_USERS.recipient, 'x'));
    expect(err.ResponseCode).toBe(ews.ServiceError.ErrorImpersonateUserDenied);
    tenant.state.updateApp(tenant.seed.apps.clientSecret, {
      impersonationScope: [DEMO_USERS.erpService],
    });
    const app = await failure(
      clients.send(clients.ews(await appToken(), DEMO_USERS.recipient), DEMO_USERS.recipient, 'x'),
    );
    expect(app.ResponseCode).toBe(ews.ServiceError.ErrorImpersonateUserDenied);
  });

  it('ErrorSchemaValidation for XML the client failed to escape (ews-javascript-api sends "&" and "<" in text raw)', async () => {
    const err = await failure(
      clients.send(clients.ews(await delegatedToken()), DEMO_USERS.recipient, 'Orders & invoices'),
    );
    expect(err.HttpStatusCode).toBe(500);
    expect(err.ResponseCode).toBe(ews.ServiceError.ErrorSchemaValidation);
  });

  it('ResponseCode ErrorAccessDenied on a mailbox without Full Access', async () => {
    const service = clients.ews(await delegatedToken());
    const folder = new ews.FolderId(
      ews.WellKnownFolderName.Inbox,
      new ews.Mailbox(DEMO_SHARED_MAILBOXES.invoices),
    );
    const err = await failure(ews.Folder.Bind(service, folder));
    expect(err.Response?.ErrorCode).toBe(ews.ServiceError.ErrorAccessDenied);
    expect(err.message).toBe('Access is denied. Check credentials and try again.');
    const shared = await ews.Folder.Bind(
      service,
      new ews.FolderId(
        ews.WellKnownFolderName.Inbox,
        new ews.Mailbox(DEMO_SHARED_MAILBOXES.orders),
      ),
    );
    expect(shared.TotalCount).toBe(0);
  });
});
