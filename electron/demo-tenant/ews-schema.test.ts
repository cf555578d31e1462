import * as ews from 'ews-javascript-api';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DemoClients, EWS_APP_SCOPE } from '../../test-support/demo-tenant/clients';
import { startDemoTenant, type DemoTenant } from './index';
import { DEMO_SHARED_MAILBOXES, DEMO_USERS } from './seed';
import { ewsSchemaErrors } from '../../test-support/services/ews-schema';

let tenant: DemoTenant;
let clients: DemoClients;
const recorded: { label: string; xml: string }[] = [];

beforeAll(async () => {
  tenant = await startDemoTenant({ propagationDelayMs: 0 });
  clients = new DemoClients(tenant);
});
afterAll(() => tenant.close());

/** Records every SOAP answer the real client receives, success or failure. */
function recordingService(
  token: string,
  mailbox: string | undefined,
  label: string,
): ews.ExchangeService {
  const service = clients.ews(token, mailbox);
  const inner = service.XHRApi;
  service.XHRApi = {
    xhr: async (options, progress) => {
      try {
        const response = await inner.xhr(options, progress);
        recorded.push({ label, xml: response.responseText });
        return response;
      } catch (error) {
        recorded.push({ label, xml: (error as { responseText?: string }).responseText ?? '' });
        throw error;
      }
    },
    xhrStream: (options, progress) => inner.xhrStream(options, progress),
    disconnect: () => inner.disconnect(),
  };
  return service;
}

it('every SOAP answer, success or fault, is valid against Exchange Online\u2019s messages.xsd/types.xsd', async () => {
  const token = (await clients
    .confidentialClient(
      tenant.seed.apps.clientSecret,
      tenant.seed.clientSecret.value,
      tenant.seed.tenantId,
    )
    .acquireTokenByClientCredential({ scopes: [EWS_APP_SCOPE] }))!.accessToken;
  const ignore = (p: Promise<unknown>) => p.catch(() => undefined);

  const sender = recordingService(token, DEMO_USERS.erpService, 'CreateItem');
  await clients.send(sender, DEMO_USERS.recipient, 'Schema check');
  await clients.send(sender, DEMO_USERS.recipient, 'Second', false);
  const reader = recordingService(token, DEMO_USERS.recipient, 'GetFolder/FindItem');
  await ews.Folder.Bind(reader, ews.WellKnownFolderName.Inbox);
  await reader.FindItems(ews.WellKnownFolderName.Inbox, new ews.ItemView(1));
  await ignore(
    ews.Folder.Bind(
      reader,
      new ews.FolderId(
        ews.WellKnownFolderName.Inbox,
        new ews.Mailbox(DEMO_SHARED_MAILBOXES.orders),
      ),
    ),
  );
  const sendAs = new ews.EmailMessage(
    recordingService(token, DEMO_USERS.recipient, 'ErrorSendAsDenied'),
  );
  sendAs.From = new ews.EmailAddress(DEMO_SHARED_MAILBOXES.orders);
  sendAs.ToRecipients.Add(DEMO_USERS.erpService);
  await ignore(sendAs.Send());
  await ignore(
    clients.send(
      recordingService(token, undefined, 'missing impersonation'),
      DEMO_USERS.recipient,
      'x',
    ),
  );
  await ignore(
    clients.send(
      recordingService(token, 'ghost@contoso-demo.onmicrosoft.com', 'ErrorNonExistentMailbox'),
      DEMO_USERS.recipient,
      'x',
    ),
  );
  tenant.state.updateApp(tenant.seed.apps.clientSecret, { impersonationScope: [] });
  await ignore(
    clients.send(
      recordingService(token, DEMO_USERS.recipient, 'ErrorImpersonateUserDenied'),
      DEMO_USERS.recipient,
      'x',
    ),
  );

  await ignore(
    clients.send(
      recordingService(token, DEMO_USERS.erpService, 'ErrorSchemaValidation'),
      DEMO_USERS.recipient,
      'A & B',
    ),
  );

  expect(recorded).toHaveLength(10);
  expect(recorded.every((r) => r.xml.startsWith('<?xml'))).toBe(true);
  // xmllint names the file and element when any answer is invalid.
  expect(ewsSchemaErrors(recorded)).toBe('');
});
