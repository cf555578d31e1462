import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { attr, child, EwsFault, list, parseSoapRequest, text, type Node } from './ews-envelope';
import { addresses, extendedProperties } from './ews-item';
import { EwsMailboxReader, folderRefs, same, type Caller } from './ews-read';
import {
  codeErrorMessage,
  envelope,
  errorMessage,
  responseElement,
  soapFault,
  successMessage,
} from './ews-soap';
import { header, readBody, send } from './http';
import type { Limits } from './limits';
import { EXCHANGE_APP_ID, isExchangeAudience } from './permissions';
import type { EwsPolicyBlock, Mailbox, TenantState } from './state';
import type { AccessTokenClaims, TokenSigner, VerifyFailure } from './tokens';

export const EWS_PATH = '/EWS/Exchange.asmx';
/** An on-premises Exchange's EWS, served beside Exchange Online's for *Server based, via Microsoft Exchange*. */
export const ON_PREM_EWS_PATH = `/onprem${EWS_PATH}`;
/** What an on-premises IIS offers: Windows authentication first, Basic when it is enabled. */
const ON_PREM_WINDOWS_AUTH = ['Negotiate', 'NTLM'];
const ON_PREM_BASIC_AUTH = 'Basic realm="exchange.demo.local"';

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

/** EWS: token checks, impersonation rules, CreateItem/GetFolder/FindItem/GetItem on the simulated mailboxes. */
export class EwsEndpoint {
  private readonly reader: EwsMailboxReader;

  constructor(
    private readonly state: TenantState,
    private readonly signer: TokenSigner,
    private readonly limits: Limits,
  ) {
    this.reader = new EwsMailboxReader(state);
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const base = requestHeaders();
    const claims = await this.authenticate(req, res, base);
    if (!claims) return;
    const block = this.state.ewsPolicyBlock(claims.appid, undefined);
    if (block) return refuse(res, base, block);
    if (this.state.isPropagating(claims.appid)) {
      return send(
        res,
        403,
        'The application\u2019s permissions have not propagated yet.',
        'text/plain; charset=utf-8',
        base,
      );
    }
    await this.execute(req, res, base, (soapHeader) => {
      const caller = this.caller(claims, soapHeader);
      // The mailbox's own EwsEnabled applies once it is known who the request acts as.
      return this.state.ewsPolicyBlock(claims.appid, caller.mailbox.address) ?? caller;
    });
  }

  /**
   * EWS as an on-premises Exchange serves it: HTTP Basic against the demo users, no tokens and
   * none of Exchange Online's EWS access controls. With Basic off, IIS offers Windows
   * authentication only, as a server that takes NTLM or Kerberos alone does.
   */
  async handleOnPremises(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const base = requestHeaders();
    const basic = this.state.organization.onPremBasicAuthEnabled;
    const upn = basic ? this.basicUser(header(req, 'authorization')) : undefined;
    if (!upn) {
      return send(res, 401, '', 'text/html', {
        ...base,
        'www-authenticate': basic
          ? [...ON_PREM_WINDOWS_AUTH, ON_PREM_BASIC_AUTH]
          : ON_PREM_WINDOWS_AUTH,
      });
    }
    await this.execute(req, res, base, (soapHeader) =>
      this.userCaller(upn, impersonatedAddress(soapHeader)),
    );
  }

  /** The signed-in user of a Basic header (UPN or DOMAIN\\user), when the password is right. */
  private basicUser(authorization: string | undefined): string | undefined {
    if (!authorization?.startsWith('Basic ')) return undefined;
    const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    const name = decoded.slice(0, colon);
    const user = this.state.userBySignInName(name);
    const ok = user && user.password === decoded.slice(colon + 1) && !user.disabled && !user.locked;
    return ok ? user.userPrincipalName : undefined;
  }

  private async execute(
    req: IncomingMessage,
    res: ServerResponse,
    base: Record<string, string>,
    resolve: (soapHeader: Node | undefined) => Caller | EwsPolicyBlock,
  ): Promise<void> {
    try {
      const soap = parseSoapRequest(await readBody(req));
      const caller = resolve(soap.header);
      if (typeof caller === 'string') return refuse(res, base, caller);
      const xml = await this.withinBudget(caller, () =>
        this.operation(soap.operation, soap.request, caller),
      );
      send(res, 200, envelope(xml), XML, base);
    } catch (error) {
      if (!(error instanceof EwsFault)) throw error;
      send(res, 500, soapFault(error.code, error.text, error.values), XML, base);
    }
  }

  /**
   * The mailbox's EWS budget (impersonation counts against the target mailbox): over it, Exchange
   * answers ErrorServerBusy with BackOffMilliseconds in MessageXml, when it gives one.
   */
  private async withinBudget(caller: Caller, work: () => string): Promise<string> {
    const key = caller.mailbox.address;
    const admission = this.limits.admit('ews', { concurrency: key, budget: key });
    if (!admission.admitted) {
      const backOff = String(Math.max(1, Math.ceil(admission.retryAfterMs)));
      throw new EwsFault(
        'ErrorServerBusy',
        'The server cannot service this request right now. Try again later.',
        this.limits.backOffHint() ? { BackOffMilliseconds: backOff } : {},
      );
    }
    return this.limits.serve('ews', admission, work);
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
    const impersonated = impersonatedAddress(soapHeader);
    if (claims.idtyp !== 'app') return this.userCaller(claims.upn ?? '', impersonated);
    if (!impersonated) {
      throw new EwsFault(
        'ErrorInvalidExchangeImpersonationHeaderData',
        'ExchangeImpersonation SOAP header must be present for this type of OAuth token.',
      );
    }
    const mailbox = this.existingMailbox(impersonated);
    const scope = this.state.app(claims.appid)?.impersonationScope;
    if (scope && !scope.some((a) => same(a, impersonated))) throw impersonateDenied();
    return { actor: mailbox.address, mailbox };
  }

  /** A signed-in user: their own mailbox, or another one when they hold ApplicationImpersonation. */
  private userCaller(upn: string, impersonated: string): Caller {
    if (impersonated && !same(impersonated, upn)) {
      const mailbox = this.existingMailbox(impersonated);
      if (!this.state.user(upn)?.canImpersonate) throw impersonateDenied();
      return { actor: mailbox.address, mailbox };
    }
    return { actor: upn, mailbox: this.existingMailbox(upn) };
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
    if (name === 'GetFolder') return this.reader.getFolder(request, caller);
    if (name === 'FindItem') return this.reader.findItem(request, caller);
    if (name === 'GetItem') return this.reader.getItem(request, caller);
    // Exchange implements every operation; the demo answers the others with a fault that still
    // carries ServerVersionInfo, so a client probing the version learns it.
    throw new EwsFault('ErrorInvalidOperation', `The demo tenant does not implement ${name}.`);
  }

  private createItem(request: Node, caller: Caller): string {
    const disposition = attr(request, 'MessageDisposition') ?? 'SaveOnly';
    const items = list(child(request, 'Items')?.Message);
    return responseElement(
      'CreateItem',
      items.map((item) => this.sendItem(item, request, disposition, caller)),
    );
  }

  /** One message of a CreateItem: sent as a mailbox the caller may send as, saved when asked. */
  private sendItem(item: Node, request: Node, disposition: string, caller: Caller): string {
    if (disposition !== 'SendAndSaveCopy' && disposition !== 'SendOnly') {
      return errorMessage(
        'CreateItem',
        'ErrorInvalidOperation',
        'The demo tenant only sends messages (SendOnly, SendAndSaveCopy).',
        '<m:Items/>',
      );
    }
    const refused = (code: string) => codeErrorMessage('CreateItem', code, '<m:Items/>');
    const from = addresses(child(item, 'From'))[0] ?? caller.mailbox.address;
    const fromMailbox = this.state.mailbox(from);
    if (!fromMailbox) return refused('ErrorNonExistentMailbox');
    if (!same(from, caller.actor) && !fromMailbox.sendAs.some((u) => same(u, caller.actor)))
      return refused('ErrorSendAsDenied');
    const to = addresses(child(item, 'ToRecipients'));
    const cc = addresses(child(item, 'CcRecipients'));
    const bcc = addresses(child(item, 'BccRecipients'));
    if (to.length + cc.length + bcc.length === 0) return refused('ErrorInvalidRecipients');
    const saveIn =
      disposition === 'SendAndSaveCopy' ? this.savedCopyMailbox(request, caller) : undefined;
    if (typeof saveIn === 'string') return refused(saveIn);
    const bodyNode = child(item, 'Body');
    const extended = extendedProperties(item);
    this.state.deliver(
      {
        internetMessageId:
          extended.messageId ??
          `<${randomBytes(12).toString('hex')}@${from.split('@')[1] ?? 'demo'}>`,
        headers: extended.headers,
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
  }

  /** Where SendAndSaveCopy keeps the copy: the SavedItemFolderId's mailbox, else the caller's. */
  private savedCopyMailbox(request: Node, caller: Caller): Mailbox | string {
    const ref = folderRefs(child(request, 'SavedItemFolderId'))[0];
    if (!ref) return caller.mailbox;
    const found = this.reader.folder(ref, caller);
    return typeof found === 'string' ? found : found.mailbox;
  }
}

function requestHeaders(): Record<string, string> {
  const requestId = randomUUID();
  return { 'request-id': requestId, 'x-ms-diagnostics-request-id': requestId };
}

/** Exchange Online says why it refused EWS in this header only ("Control access to EWS in Exchange"). */
function refuse(res: ServerResponse, base: Record<string, string>, block: EwsPolicyBlock): void {
  send(res, 403, '', 'text/plain; charset=utf-8', {
    ...base,
    'x-ews-policy-reason': EWS_POLICY_REASON[block],
  });
}

/** The mailbox an ExchangeImpersonation header names, or ''. */
function impersonatedAddress(soapHeader: Node | undefined): string {
  const sid = child(child(soapHeader, 'ExchangeImpersonation'), 'ConnectingSID');
  return text(
    child(sid, 'SmtpAddress') ?? child(sid, 'PrimarySmtpAddress') ?? child(sid, 'PrincipalName'),
  ).trim();
}

function impersonateDenied(): EwsFault {
  return new EwsFault(
    'ErrorImpersonateUserDenied',
    'The account does not have permission to impersonate the requested user.',
  );
}
