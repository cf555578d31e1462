import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { attr, child, EwsFault, list, parseSoapRequest, text, type Node } from './ews-envelope';
import {
  ALL_PROPERTIES,
  envelope,
  errorMessage,
  folderId,
  folderItems,
  folderXml,
  isEwsFolder,
  messageXml,
  parseFolderId,
  responseElement,
  soapFault,
  successMessage,
  type EwsFolder,
  type ItemShape,
} from './ews-soap';
import { header, readBody, send } from './http';
import { EXCHANGE_APP_ID, isExchangeAudience } from './permissions';
import type { EwsPolicyBlock, Mailbox, TenantState } from './state';
import type { AccessTokenClaims, TokenSigner, VerifyFailure } from './tokens';

export const EWS_PATH = '/EWS/Exchange.asmx';

/** Who a request acts as: the token's subject, or the mailbox it impersonates. */
interface Caller {
  claims: AccessTokenClaims;
  /** The address whose rights apply: the impersonated mailbox or the signed-in user. */
  actor: string;
  mailbox: Mailbox;
}

const XML = 'text/xml; charset=utf-8';

/** The two values of X-EWS-Policy-Reason, word for word as Microsoft documents them. */
export const EWS_POLICY_REASON: Record<EwsPolicyBlock, string> = {
  disabled: 'EWS is disabled for this user or tenant',
  blocked: 'EWS is blocked by policy for this user or tenant',
};

/** Exchange Online's answer to a bearer token it cannot use (401 + x-ms-diagnostics). */
const TOKEN_DIAGNOSTICS: Record<VerifyFailure | 'missing' | 'no-permission', string> = {
  missing: '2000000;reason="The Authorization header is missing.";error_category="invalid_token"',
  malformed: '2000001;reason="The token is malformed.";error_category="invalid_token"',
  signature:
    '2000001;reason="The token has an invalid signature.";error_category="invalid_signature"',
  audience:
    '2000003;reason="The audience claim value is invalid for this resource.";error_category="invalid_resource"',
  expired: '2000007;reason="The token has expired.";error_category="invalid_token"',
  'no-permission':
    '2000008;reason="The token contains no permissions, or permissions can not be understood.";error_category="invalid_grant"',
};

const WWW_AUTHENTICATE = `Bearer client_id="${EXCHANGE_APP_ID}", trusted_issuers="00000001-0000-0000-c000-000000000000@*", token_types="app_asserted_user_v1 service_asserted_app_v1", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="invalid_token"`;

function addresses(recipients: Node | undefined): string[] {
  return list(recipients?.Mailbox)
    .map((m) => text(child(m, 'EmailAddress')).trim())
    .filter(Boolean);
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** EWS: token checks, impersonation rules, CreateItem/GetFolder/FindItem on the simulated mailboxes. */
export class EwsEndpoint {
  constructor(
    private readonly state: TenantState,
    private readonly signer: TokenSigner,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const base = { 'request-id': requestId, 'x-ms-diagnostics-request-id': requestId };
    const claims = await this.authenticate(req, res, base);
    if (!claims) return;
    const refuse = (block: EwsPolicyBlock) =>
      // Exchange Online says why in this header only ("Control access to EWS in Exchange").
      send(res, 403, '', 'text/plain; charset=utf-8', {
        ...base,
        'x-ews-policy-reason': EWS_POLICY_REASON[block],
      });
    const block = this.state.ewsPolicyBlock(claims.appid, undefined);
    if (block) return refuse(block);
    if (this.state.isPropagating(claims.appid)) {
      return send(
        res,
        403,
        'The application\u2019s permissions have not propagated yet.',
        'text/plain; charset=utf-8',
        base,
      );
    }
    try {
      const soap = parseSoapRequest(await readBody(req));
      const caller = this.caller(claims, soap.header);
      // The mailbox's own EwsEnabled applies once it is known who the request acts as.
      const mailboxBlock = this.state.ewsPolicyBlock(claims.appid, caller.mailbox.address);
      if (mailboxBlock) return refuse(mailboxBlock);
      const xml = this.operation(soap.operation, soap.request, caller);
      send(res, 200, envelope(xml), XML, base);
    } catch (error) {
      if (!(error instanceof EwsFault)) throw error;
      send(res, 500, soapFault(error.code, error.text, error.values), XML, base);
    }
  }

  private async authenticate(
    req: IncomingMessage,
    res: ServerResponse,
    base: Record<string, string>,
  ): Promise<AccessTokenClaims | undefined> {
    const auth = header(req, 'authorization');
    const reject = (reason: keyof typeof TOKEN_DIAGNOSTICS) => {
      send(res, 401, '', 'text/plain', {
        ...base,
        'www-authenticate': WWW_AUTHENTICATE,
        'x-ms-diagnostics': TOKEN_DIAGNOSTICS[reason],
      });
      return undefined;
    };
    if (!auth?.startsWith('Bearer ')) return reject('missing');
    const verified = await this.signer.verify(auth.slice(7).trim(), isExchangeAudience);
    if (!verified.ok) return reject(verified.reason);
    const { claims } = verified;
    const delegated =
      claims.idtyp === 'user' && (claims.scp ?? '').split(' ').includes('EWS.AccessAsUser.All');
    const appOnly = claims.idtyp === 'app' && (claims.roles ?? []).includes('full_access_as_app');
    if (!delegated && !appOnly) return reject('no-permission');
    return claims;
  }

  /**
   * App-only tokens must impersonate (ExchangeImpersonation); Exchange recommends, but does not
   * require, an X-AnchorMailbox naming the same mailbox.
   */
  private caller(claims: AccessTokenClaims, soapHeader: Node | undefined): Caller {
    const sid = child(child(soapHeader, 'ExchangeImpersonation'), 'ConnectingSID');
    const impersonated = text(
      child(sid, 'SmtpAddress') ?? child(sid, 'PrimarySmtpAddress') ?? child(sid, 'PrincipalName'),
    ).trim();
    if (claims.idtyp === 'app') {
      if (!impersonated) {
        throw new EwsFault(
          'ErrorInvalidExchangeImpersonationHeaderData',
          'ExchangeImpersonation SOAP header must be present for this type of OAuth token.',
        );
      }
      const mailbox = this.existingMailbox(impersonated);
      const scope = this.state.app(claims.appid)?.impersonationScope;
      if (scope && !scope.some((a) => same(a, impersonated))) throw impersonateDenied();
      return { claims, actor: mailbox.address, mailbox };
    }
    const upn = claims.upn ?? '';
    if (impersonated && !same(impersonated, upn)) {
      const mailbox = this.existingMailbox(impersonated);
      if (!this.state.user(upn)?.canImpersonate) throw impersonateDenied();
      return { claims, actor: mailbox.address, mailbox };
    }
    return { claims, actor: upn, mailbox: this.existingMailbox(upn) };
  }

  private existingMailbox(address: string): Mailbox {
    const mailbox = this.state.mailbox(address);
    if (!mailbox) {
      throw new EwsFault(
        'ErrorNonExistentMailbox',
        'The SMTP address has no mailbox associated with it.',
        { SmtpAddress: address },
      );
    }
    return mailbox;
  }

  private operation(name: string, request: Node, caller: Caller): string {
    if (name === 'CreateItem') return this.createItem(request, caller);
    if (name === 'GetFolder') return this.getFolder(request, caller);
    if (name === 'FindItem') return this.findItem(request, caller);
    // Exchange implements every operation; the demo answers the others with a fault that still
    // carries ServerVersionInfo, so a client probing the version learns it.
    throw new EwsFault('ErrorInvalidOperation', `The demo tenant does not implement ${name}.`);
  }

  /** A folder named by distinguished id (optionally in another mailbox) or by an id we issued. */
  private folder(
    ref: { kind: 'distinguished' | 'id'; node: Node },
    caller: Caller,
  ): { mailbox: Mailbox; folder: EwsFolder } | string {
    let address = caller.mailbox.address;
    let folder: string | undefined;
    if (ref.kind === 'distinguished') {
      folder = attr(ref.node, 'Id');
      const other = text(child(child(ref.node, 'Mailbox'), 'EmailAddress')).trim();
      if (other) address = other;
    } else {
      const parsed = parseFolderId(attr(ref.node, 'Id') ?? '');
      if (!parsed) return 'ErrorInvalidIdMalformed';
      ({ address, folder } = parsed);
    }
    if (!isEwsFolder(folder)) return 'ErrorFolderNotFound';
    const mailbox = this.state.mailbox(address);
    if (!mailbox) return 'ErrorNonExistentMailbox';
    if (
      !same(mailbox.address, caller.actor) &&
      !mailbox.fullAccess.some((u) => same(u, caller.actor))
    )
      return 'ErrorAccessDenied';
    return { mailbox, folder };
  }

  private folderRefs(container: Node | undefined): { kind: 'distinguished' | 'id'; node: Node }[] {
    return [
      ...list(container?.DistinguishedFolderId).map((node) => ({
        kind: 'distinguished' as const,
        node,
      })),
      ...list(container?.FolderId).map((node) => ({ kind: 'id' as const, node })),
    ];
  }

  private getFolder(request: Node, caller: Caller): string {
    const messages = this.folderRefs(child(request, 'FolderIds')).map((ref) => {
      const found = this.folder(ref, caller);
      if (typeof found === 'string')
        return errorMessage('GetFolder', found, ERROR_TEXT[found] ?? found, '<m:Folders/>');
      return successMessage(
        'GetFolder',
        `<m:Folders>${folderXml(found.mailbox, found.folder)}</m:Folders>`,
      );
    });
    return responseElement('GetFolder', messages);
  }

  private findItem(request: Node, caller: Caller): string {
    const view = child(request, 'IndexedPageItemView');
    const max = Math.max(
      1,
      Math.min(1000, Number(attr(view, 'MaxEntriesReturned') ?? 1000) || 1000),
    );
    const offset = Math.max(0, Number(attr(view, 'Offset') ?? 0) || 0);
    const fromEnd = attr(view, 'BasePoint') === 'End';
    const shape = itemShape(child(request, 'ItemShape'));
    const messages = this.folderRefs(child(request, 'ParentFolderIds')).map((ref) => {
      const found = this.folder(ref, caller);
      if (typeof found === 'string')
        return errorMessage('FindItem', found, ERROR_TEXT[found] ?? found, '');
      const parent = folderId(found.mailbox, found.folder);
      const newestFirst = [...folderItems(found.mailbox, found.folder)].reverse();
      const total = newestFirst.length;
      const start = fromEnd ? Math.max(0, total - offset - max) : offset;
      const page = newestFirst.slice(start, start + max);
      const next = start + page.length;
      return successMessage(
        'FindItem',
        `<m:RootFolder IndexedPagingOffset="${next}" TotalItemsInView="${total}" IncludesLastItemInRange="${next >= total}">` +
          `<t:Items>${page.map((m) => messageXml(m, parent, shape)).join('')}</t:Items></m:RootFolder>`,
      );
    });
    return responseElement('FindItem', messages);
  }

  private createItem(request: Node, caller: Caller): string {
    const disposition = attr(request, 'MessageDisposition') ?? 'SaveOnly';
    const items = list(child(request, 'Items')?.Message);
    const messages = items.map((item) => {
      if (disposition !== 'SendAndSaveCopy' && disposition !== 'SendOnly') {
        return errorMessage(
          'CreateItem',
          'ErrorInvalidOperation',
          'The demo tenant only sends messages (SendOnly, SendAndSaveCopy).',
          '<m:Items/>',
        );
      }
      const from = addresses(child(item, 'From'))[0] ?? caller.mailbox.address;
      const fromMailbox = this.state.mailbox(from);
      if (!fromMailbox)
        return errorMessage(
          'CreateItem',
          'ErrorNonExistentMailbox',
          ERROR_TEXT.ErrorNonExistentMailbox!,
          '<m:Items/>',
        );
      if (!same(from, caller.actor) && !fromMailbox.sendAs.some((u) => same(u, caller.actor))) {
        return errorMessage(
          'CreateItem',
          'ErrorSendAsDenied',
          ERROR_TEXT.ErrorSendAsDenied!,
          '<m:Items/>',
        );
      }
      const to = addresses(child(item, 'ToRecipients'));
      const cc = addresses(child(item, 'CcRecipients'));
      const bcc = addresses(child(item, 'BccRecipients'));
      if (to.length + cc.length + bcc.length === 0) {
        return errorMessage(
          'CreateItem',
          'ErrorInvalidRecipients',
          ERROR_TEXT.ErrorInvalidRecipients!,
          '<m:Items/>',
        );
      }
      let saveIn: Mailbox | undefined;
      if (disposition === 'SendAndSaveCopy') {
        const ref = this.folderRefs(child(request, 'SavedItemFolderId'))[0];
        const found = ref
          ? this.folder(ref, caller)
          : { mailbox: caller.mailbox, folder: 'sentitems' as const };
        if (typeof found === 'string')
          return errorMessage('CreateItem', found, ERROR_TEXT[found] ?? found, '<m:Items/>');
        saveIn = found.mailbox;
      }
      const bodyNode = child(item, 'Body');
      this.state.deliver(
        {
          internetMessageId: `<${randomBytes(12).toString('hex')}@${from.split('@')[1] ?? 'demo'}>`,
          subject: text(child(item, 'Subject')),
          body: text(bodyNode),
          bodyType: attr(bodyNode, 'BodyType') === 'Text' ? 'Text' : 'HTML',
          from: fromMailbox.address,
          to,
          cc: [...cc, ...bcc],
        },
        saveIn,
      );
      return successMessage('CreateItem', '<m:Items/>');
    });
    return responseElement('CreateItem', messages);
  }
}

/** BaseShape IdOnly answers ItemId and the AdditionalProperties only; Default and AllProperties all. */
function itemShape(node: Node | undefined): ItemShape {
  if (text(child(node, 'BaseShape')).trim() !== 'IdOnly') return ALL_PROPERTIES;
  const uris = list(child(node, 'AdditionalProperties')?.FieldURI)
    .map((f) => attr(f, 'FieldURI'))
    .filter((u): u is string => !!u);
  return { idOnly: true, additional: new Set(uris) };
}

function impersonateDenied(): EwsFault {
  return new EwsFault(
    'ErrorImpersonateUserDenied',
    'The account does not have permission to impersonate the requested user.',
  );
}

const ERROR_TEXT: Record<string, string> = {
  ErrorAccessDenied: 'Access is denied. Check credentials and try again.',
  ErrorNonExistentMailbox: 'The SMTP address has no mailbox associated with it.',
  ErrorFolderNotFound: 'The specified folder could not be found in the store.',
  ErrorInvalidIdMalformed: 'Id is malformed.',
  ErrorSendAsDenied:
    'The user account which was used to submit this request does not have the right to send mail on behalf of the specified sending account.',
  ErrorInvalidRecipients: 'At least one recipient isn\u2019t valid.',
};
