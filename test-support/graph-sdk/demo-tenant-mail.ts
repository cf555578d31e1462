/**
 * Microsoft's Graph SDK for JavaScript (@microsoft/microsoft-graph-client) against the demo
 * tenant, run in a process of its own with the demo CA in NODE_EXTRA_CA_CERTS (Node's way to
 * trust one more CA, as exchangelib's test uses REQUESTS_CA_BUNDLE). The client is configured as
 * for Microsoft Graph except its base URL, and the demo's host named as a custom host (the SDK
 * sends the token only to Microsoft's hosts and the custom hosts it is given). It sends a message,
 * reads the newest Inbox items and batches two reads; prints what it saw as JSON.
 */
import {
  BatchRequestContent,
  BatchResponseContent,
  Client,
} from '@microsoft/microsoft-graph-client';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

/** Client credentials at the demo's token endpoint, as every OAuth client asks. */
async function appToken(): Promise<string> {
  const answer = await fetch(env('DEMO_TOKEN_URL'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: env('DEMO_CLIENT_ID'),
      client_secret: env('DEMO_CLIENT_SECRET'),
      scope: 'https://graph.microsoft.com/.default',
    }),
  });
  const body = (await answer.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`No token: HTTP ${answer.status}`);
  return body.access_token;
}

const baseUrl = env('DEMO_GRAPH_URL');
const token = await appToken();
const client = Client.init({
  baseUrl,
  customHosts: new Set([new URL(baseUrl).hostname]),
  authProvider: (done) => done(null, token),
});
const sender = env('DEMO_SENDER');
const recipient = env('DEMO_RECIPIENT');
const subject = env('DEMO_SUBJECT');

await client.api(`/users/${sender}/sendMail`).post({
  message: {
    subject,
    body: { contentType: 'Text', content: 'Sent by the Microsoft Graph SDK.' },
    toRecipients: [{ emailAddress: { address: recipient } }],
  },
  saveToSentItems: true,
});

const inbox = (await client
  .api(`/users/${recipient}/mailFolders/inbox/messages`)
  .top(3)
  .select(['subject', 'receivedDateTime'])
  .orderby('receivedDateTime desc')
  .get()) as { value: { subject: string }[] };

const batch = new BatchRequestContent([
  { id: 'inbox', request: new Request(`${baseUrl}/v1.0/users/${recipient}/mailFolders/inbox`) },
  {
    id: 'sent',
    request: new Request(`${baseUrl}/v1.0/users/${sender}/mailFolders/sentitems/messages?$top=1`),
  },
]);
const answered = new BatchResponseContent(
  await client.api('/$batch').post(await batch.getContent()),
);
const step = async (id: string) => {
  const response = answered.getResponseById(id);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

console.log(
  JSON.stringify({
    newest: inbox.value.map((m) => m.subject),
    batch: { inbox: await step('inbox'), sent: await step('sent') },
  }),
);
