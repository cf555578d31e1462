import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { answerBatch } from './graph-batch';
import { GraphError, graphError, graphErrorBody } from './graph-errors';
import {
  folderByName,
  mailFolderJson,
  messageMime,
  messagesJson,
  parseMessageQuery,
} from './graph-mail';
import { header, readBody, send, sendJson } from './http';
import type { Limits } from './limits';
import { isGraphAudience } from './permissions';
import type { NewMessage } from './messages';
import { bounceReasons } from './ndr';
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

/** One request of the mail API: on its own, or a step of a JSON batch. */
export interface GraphRequest {
  method: string;
  /** From `/v1.0/`, with the query. */
  url: string;
  authorization: string | undefined;
  clientRequestId: string | undefined;
  body: string;
}

export interface GraphAnswer {
  status: number;
  headers: Record<string, string>;
  /** JSON; absent for 202. */
  body?: unknown;
  /** A message's MIME (`/$value`), sent as text instead of JSON. */
  text?: string;
}

const BATCH_PATH = `${GRAPH_PREFIX}$batch`;

/**
 * Microsoft Graph v1.0's mail API on the tenant's mailboxes: sendMail, a mail folder, its
 * messages, JSON batching of them; each request within the app's limits (limits.ts).
 */
export class GraphEndpoint {
  constructor(
    private readonly state: TenantState,
    private readonly signer: TokenSigner,
    private readonly limits: Limits,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request: GraphRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      authorization: header(req, 'authorization'),
      clientRequestId: header(req, 'client-request-id'),
      body: await readBody(req),
    };
    const path = request.url.split('?')[0];
    const answer =
      path === BATCH_PATH && request.method === 'POST'
        ? await answerBatch(request, (step) => this.answer(step), this.answering(request))
        : await this.answer(request);
    if (answer.text !== undefined)
      return send(res, answer.status, answer.text, 'text/plain', answer.headers);
    if (answer.body === undefined) {
      res.writeHead(answer.status, {
        'content-length': 0,
        'cache-control': 'no-store',
        ...answer.headers,
      });
      return void res.end();
    }
    sendJson(res, answer.status, answer.body, answer.headers);
  }

  /** The request's ids as headers, and Graph's error answer carrying them. */
  private answering(request: GraphRequest): {
    headers: Record<string, string>;
    fail(error: GraphError): GraphAnswer;
  } {
    const requestId = randomUUID();
    const ids = { requestId, clientRequestId: request.clientRequestId ?? requestId };
    const headers = { 'request-id': ids.requestId, 'client-request-id': ids.clientRequestId };
    const fail = (error: GraphError): GraphAnswer => ({
      status: error.spec.status,
      headers: {
        ...headers,
        ...(error.retryAfterSeconds !== undefined
          ? { 'retry-after': String(error.retryAfterSeconds) }
          : {}),
      },
      body: graphErrorBody(error.spec, ids, this.state.now()),
    });
    return { headers, fail };
  }

  async answer(request: GraphRequest): Promise<GraphAnswer> {
    const { headers, fail } = this.answering(request);
    const ok = (status: number, body?: unknown): GraphAnswer => ({
      status,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    try {
      const caller = await this.authenticate(request.authorization);
      const url = new URL(request.url, 'https://graph.microsoft.com');
      const route = parseRoute(request.method, url.pathname);
      if (route instanceof GraphError) throw route;
      const { operation } = route;
      const sending = operation.kind === 'sendMail';
      const needs = sending ? SEND : operation.kind === 'mime' ? READ_BODY : READ;
      const mailbox = this.target(caller, route.user, needs, sending ? 'send' : 'read');
      return await this.withinLimits(caller, mailbox, () => {
        if (operation.kind === 'sendMail') {
          this.sendMail(caller, mailbox, request.body);
          return ok(202);
        }
        if (operation.kind === 'mime')
          return { status: 200, headers, text: messageMime(mailbox, operation.id) };
        const folder = folderByName(operation.folder);
        return ok(
          200,
          operation.kind === 'mailFolder'
            ? mailFolderJson(mailbox, folder, route.user)
            : messagesJson(mailbox, folder, parseMessageQuery(url.searchParams), route.user),
        );
      });
    } catch (error) {
      if (!(error instanceof GraphError)) throw error;
      return fail(error);
    }
  }

  /** Runs `work` when the app is within its limits on this mailbox, else answers 429. */
  private async withinLimits(
    caller: Caller,
    mailbox: Mailbox,
    work: () => GraphAnswer,
  ): Promise<GraphAnswer> {
    const app = caller.claims.appid;
    const admission = this.limits.admit('graph', {
      concurrency: app,
      budget: `${app}|${mailbox.address}`,
    });
    if (!admission.admitted) {
      const error = graphError(
        admission.over === 'budget' ? 'throttledRequests' : 'throttledConcurrency',
      );
      error.retryAfterSeconds = Math.max(1, Math.ceil(admission.retryAfterMs / 1000));
      throw error;
    }
    return this.limits.serve('graph', admission, work);
  }

  private async authenticate(auth: string | undefined): Promise<Caller> {
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
    if (same(mailbox.address, actor) || mailbox.fullAccess.some((u) => same(u, actor)))
      return mailbox;
    // FullAccess lets Graph create the message there; Send As is checked when it is submitted.
    if (use === 'send' && !mailbox.sendAs.some((u) => same(u, actor)))
      throw graphError('sendAsDenied');
    if (use === 'read') throw graphError('accessDenied');
    return mailbox;
  }

  /** Whether whoever acts may submit mail as this mailbox: an app, its owner, or Send As. */
  private maySendAs(caller: Caller, mailbox: Mailbox): boolean {
    const actor = caller.claims.upn ?? '';
    return (
      caller.claims.idtyp === 'app' ||
      same(mailbox.address, actor) ||
      mailbox.sendAs.some((u) => same(u, actor))
    );
  }

  private sendMail(caller: Caller, mailbox: Mailbox, raw: string): void {
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
    const submitted: NewMessage = {
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
    };
    // Graph answers 202 before submission; a Send As refusal then comes back as an NDR (5.7.60).
    if (!this.maySendAs(caller, mailbox))
      return this.state.refuseSubmission(submitted, mailbox, bounceReasons.sendAsDenied);
    this.state.deliver(
      submitted,
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
