import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { GraphError, graphError, graphErrorBody } from './graph-errors';
import {
  folderByName,
  mailFolderJson,
  messageMime,
  messagesJson,
  parseMessageQuery,
} from './graph-mail';
import { header, readBody, send, sendJson } from './http';
import { isGraphAudience } from './permissions';
import type { Mailbox, TenantState } from './state';
import type { AccessTokenClaims, TokenSigner } from './tokens';

export const GRAPH_PREFIX = '/v1.0/';

/** What a token may do with mail: the delegated scp or the application roles. */
const SEND = ['Mail.Send'];
const READ = ['Mail.ReadBasic', 'Mail.Read', 'Mail.ReadWrite'];
/** A message's MIME ($value) is its body too: Mail.ReadBasic does not reach it. */
const READ_BODY = ['Mail.Read', 'Mail.ReadWrite'];

interface Caller {
  claims: AccessTokenClaims;
  permissions: string[];
}

type Operation =
  | { kind: 'sendMail' }
  | { kind: 'mailFolder'; folder: string }
  | { kind: 'messages'; folder: string }
  | { kind: 'mime'; id: string };

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

const recipients = z
  .array(z.object({ emailAddress: z.object({ address: z.string(), name: z.string().optional() }) }))
  .optional();

/** The sendMail body as Graph's reference gives it (user: sendMail, message resource). */
const sendMailBody = z.object({
  message: z.object({
    subject: z.string().optional(),
    body: z.object({ contentType: z.string().optional(), content: z.string() }).optional(),
    toRecipients: recipients,
    ccRecipients: recipients,
    bccRecipients: recipients,
    from: z.object({ emailAddress: z.object({ address: z.string() }) }).optional(),
    internetMessageId: z.string().optional(),
    internetMessageHeaders: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
  }),
  saveToSentItems: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
});

/** Maps `/v1.0/users/{id|UPN}/…` or `/v1.0/me/…` to the mail operation it names. */
function parseRoute(
  method: string,
  path: string,
): { user: string; operation: Operation } | GraphError {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent).slice(1);
  const [root, ...rest] = parts;
  const user = root === 'me' ? 'me' : root === 'users' ? rest.shift() : undefined;
  if (!user) return graphError('segment', root ?? '');
  const [first, folder, third] = rest;
  let operation: Operation | undefined;
  let wants = 'GET';
  if (first === 'sendMail' && rest.length === 1) {
    operation = { kind: 'sendMail' };
    wants = 'POST';
  } else if (first === 'mailFolders' && folder && rest.length === 2)
    operation = { kind: 'mailFolder', folder };
  else if (first === 'mailFolders' && folder && third === 'messages' && rest.length === 3)
    operation = { kind: 'messages', folder };
  else if (first === 'messages' && folder && third === '$value' && rest.length === 3)
    operation = { kind: 'mime', id: folder };
  if (!operation) return graphError('segment', first ?? user);
  if (method !== wants) return graphError('methodNotAllowed');
  return { user, operation };
}

/** Microsoft Graph v1.0's mail API on the tenant's mailboxes: sendMail, a mail folder, its messages. */
export class GraphEndpoint {
  constructor(
    private readonly state: TenantState,
    private readonly signer: TokenSigner,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const ids = { requestId, clientRequestId: header(req, 'client-request-id') ?? requestId };
    const headers = { 'request-id': ids.requestId, 'client-request-id': ids.clientRequestId };
    try {
      const caller = await this.authenticate(req);
      const url = new URL(req.url ?? '/', 'https://graph.microsoft.com');
      const route = parseRoute(req.method ?? 'GET', url.pathname);
      if (route instanceof GraphError) throw route;
      const { operation } = route;
      if (operation.kind === 'sendMail') {
        await this.sendMail(caller, route.user, await readBody(req));
        res.writeHead(202, { 'content-length': 0, 'cache-control': 'no-store', ...headers });
        return void res.end();
      }
      if (operation.kind === 'mime') {
        const mailbox = this.target(caller, route.user, READ_BODY, 'read');
        return void send(res, 200, messageMime(mailbox, operation.id), 'text/plain', headers);
      }
      const mailbox = this.target(caller, route.user, READ, 'read');
      const folder = folderByName(operation.folder);
      const body =
        operation.kind === 'mailFolder'
          ? mailFolderJson(mailbox, folder, route.user)
          : messagesJson(mailbox, folder, parseMessageQuery(url.searchParams), route.user);
      sendJson(res, 200, body, headers);
    } catch (error) {
      if (!(error instanceof GraphError)) throw error;
      sendJson(res, error.spec.status, graphErrorBody(error.spec, ids, this.state.now()), headers);
    }
  }

  private async authenticate(req: IncomingMessage): Promise<Caller> {
    const auth = header(req, 'authorization');
    if (!auth?.startsWith('Bearer ')) throw graphError('tokenMissing');
    const verified = await this.signer.verify(auth.slice(7).trim(), isGraphAudience);
    if (!verified.ok) {
      if (verified.reason === 'expired') throw graphError('tokenExpired');
      throw graphError(verified.reason === 'audience' ? 'tokenAudience' : 'tokenInvalid');
    }
    const { claims } = verified;
    const permissions =
      claims.idtyp === 'user'
        ? (claims.scp ?? '').split(' ').filter(Boolean)
        : (claims.roles ?? []);
    if (permissions.length === 0) throw graphError('noPermissions');
    return { claims, permissions };
  }

  /**
   * The mailbox a request names, after the checks Graph makes: the permission in the token, the
   * user and their mailbox, an application access policy (app-only), the user's rights on another
   * mailbox (delegated).
   */
  private target(caller: Caller, segment: string, needs: string[], use: 'send' | 'read'): Mailbox {
    if (!needs.some((p) => caller.permissions.includes(p))) throw graphError('accessDenied');
    const { claims } = caller;
    if (segment === 'me' && claims.idtyp === 'app')
      throw graphError('badQuery', '/me request is only valid with delegated authentication flow.');
    const name = segment === 'me' ? (claims.upn ?? '') : segment;
    const user = this.state.user(name) ?? this.state.userByObjectId(name);
    const mailbox = this.state.mailbox(user?.userPrincipalName ?? name);
    if (!mailbox) throw user ? graphError('noMailbox') : graphError('invalidUser', name);
    if (claims.idtyp === 'app') {
      const scope = this.state.app(claims.appid)?.impersonationScope;
      if (scope && !scope.some((a) => same(a, mailbox.address))) throw graphError('odataDisabled');
      return mailbox;
    }
    const actor = claims.upn ?? '';
    if (same(mailbox.address, actor)) return mailbox;
    const rights = use === 'send' ? mailbox.sendAs : mailbox.fullAccess;
    if (!rights.some((u) => same(u, actor)))
      throw graphError(use === 'send' ? 'sendAsDenied' : 'accessDenied');
    return mailbox;
  }

  private async sendMail(caller: Caller, segment: string, raw: string): Promise<void> {
    const mailbox = this.target(caller, segment, SEND, 'send');
    let parsed: z.infer<typeof sendMailBody>;
    try {
      parsed = sendMailBody.parse(JSON.parse(raw));
    } catch {
      throw graphError('badJson');
    }
    const { message } = parsed;
    const list = (r: typeof message.toRecipients) =>
      (r ?? []).map((x) => x.emailAddress.address.trim()).filter(Boolean);
    const to = list(message.toRecipients);
    const cc = [...list(message.ccRecipients), ...list(message.bccRecipients)];
    if (to.length + cc.length === 0) throw graphError('invalidRecipients');
    const from = this.sender(caller, mailbox, message.from?.emailAddress.address);
    this.state.deliver(
      {
        internetMessageId:
          message.internetMessageId ??
          `<${randomBytes(12).toString('hex')}@${from.address.split('@')[1] ?? 'demo'}>`,
        headers: Object.fromEntries(
          (message.internetMessageHeaders ?? []).map((h) => [h.name, h.value]),
        ),
        subject: message.subject ?? '',
        body: message.body?.content ?? '',
        bodyType: message.body?.contentType?.toLowerCase() === 'html' ? 'HTML' : 'Text',
        from: from.address,
        to,
        cc,
      },
      String(parsed.saveToSentItems ?? 'true') === 'true' ? mailbox : undefined,
    );
  }

  /** A `from` other than the mailbox needs Send As on it for whoever acts. */
  private sender(caller: Caller, mailbox: Mailbox, from: string | undefined): Mailbox {
    if (!from || same(from, mailbox.address)) return mailbox;
    const other = this.state.mailbox(from);
    const actor = caller.claims.idtyp === 'app' ? mailbox.address : (caller.claims.upn ?? '');
    if (!other || !other.sendAs.some((u) => same(u, actor))) throw graphError('sendAsDenied');
    return other;
  }
}
