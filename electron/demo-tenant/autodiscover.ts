import type { IncomingMessage, ServerResponse } from 'node:http';
import { XMLParser } from 'fast-xml-parser';
import { child, text, type Node } from './ews-envelope';
import { xmlEscape } from './ews-soap';
import { header, readBody, send, sendJson } from './http';
import { isExchangeAudience } from './permissions';
import type { TenantState } from './state';
import type { TokenSigner } from './tokens';

/** Both Autodiscover services of Exchange Online: POX (`autodiscover.xml`) and JSON v1.0. */
const POX_PATH = /^\/autodiscover\/autodiscover\.xml$/i;
const JSON_PATH = /^\/autodiscover\/autodiscover\.json\/v1\.0\/([^/?]+)$/i;

const RESPONSE_NS = 'http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006';
const OUTLOOK_NS =
  'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a';

/** JSON v1.0's protocols and the path each is served at. */
const JSON_PROTOCOLS: Record<string, string> = {
  ews: '/EWS/Exchange.asmx',
  activesync: '/Microsoft-Server-ActiveSync',
};

const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false, trimValues: true });

const XML = 'text/xml; charset=utf-8';

export class AutodiscoverEndpoint {
  constructor(
    private readonly state: TenantState,
    private readonly signer: TokenSigner,
    /** The origin this request reached the tenant by (hosts.ts). */
    private readonly origin: (req: IncomingMessage) => string,
  ) {}

  matches(method: string, path: string): boolean {
    return (method === 'POST' && POX_PATH.test(path)) || (method === 'GET' && JSON_PATH.test(path));
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://autodiscover.invalid');
    const json = JSON_PATH.exec(url.pathname);
    const origin = this.origin(req);
    if (json?.[1]) return this.json(decodeURIComponent(json[1]), url.searchParams, origin, res);
    return this.pox(req, origin, res);
  }

  /**
   * `GET /autodiscover/autodiscover.json/v1.0/{address}?Protocol=EWS`, anonymous: the protocol's
   * URL for the mailbox.
   */
  private json(
    address: string,
    search: URLSearchParams,
    origin: string,
    res: ServerResponse,
  ): void {
    const protocol = search.get('Protocol') ?? '';
    const path = JSON_PROTOCOLS[protocol.toLowerCase()];
    if (!path) {
      return sendJson(res, 400, {
        ErrorCode: 'InvalidProtocol',
        ErrorMessage: `The given protocol value '${protocol}' is invalid. Supported values are 'ActiveSync,Ews'`,
      });
    }
    if (!this.state.mailbox(address)) {
      return sendJson(res, 404, {
        ErrorCode: 'MailboxNotFound',
        ErrorMessage: 'The requested mailbox was not found.',
      });
    }
    sendJson(res, 200, { Protocol: protocol, Url: `${origin}${path}` });
  }

  /** POX: an authenticated POST with the mailbox's address; answers the EXPR settings with the EWS URL. */
  private async pox(req: IncomingMessage, origin: string, res: ServerResponse): Promise<void> {
    const auth = header(req, 'authorization');
    const verified = auth?.startsWith('Bearer ')
      ? await this.signer.verify(auth.slice(7).trim(), isExchangeAudience)
      : undefined;
    if (!verified?.ok) {
      return send(res, 401, '', 'text/plain', {
        'www-authenticate': 'Bearer authorization_uri="https://login.microsoftonline.com/common"',
      });
    }
    let request: Node | undefined;
    try {
      request = child(child(parser.parse(await readBody(req)) as Node, 'Autodiscover'), 'Request');
    } catch {
      request = undefined;
    }
    const address = text(child(request, 'EMailAddress')).trim();
    const schema = text(child(request, 'AcceptableResponseSchema')).trim();
    if (!request || !address)
      return send(res, 200, poxError(600, 'Invalid Request', this.state.now()), XML);
    if (schema !== OUTLOOK_NS)
      return send(
        res,
        200,
        poxError(601, 'The requested schema version is not supported.', this.state.now()),
        XML,
      );
    const mailbox = this.state.mailbox(address);
    if (!mailbox)
      return send(
        res,
        200,
        poxError(500, 'The e-mail address cannot be found.', this.state.now()),
        XML,
      );
    send(
      res,
      200,
      `<?xml version="1.0" encoding="utf-8"?><Autodiscover xmlns="${RESPONSE_NS}"><Response xmlns="${OUTLOOK_NS}">` +
        `<User><DisplayName>${xmlEscape(mailbox.displayName)}</DisplayName>` +
        `<AutoDiscoverSMTPAddress>${xmlEscape(mailbox.address)}</AutoDiscoverSMTPAddress>` +
        `<DeploymentId>${this.state.organization.tenantId}</DeploymentId></User>` +
        `<Account><AccountType>email</AccountType><Action>settings</Action><MicrosoftOnline>True</MicrosoftOnline>` +
        `<Protocol><Type>EXPR</Type><Server>${new URL(origin).host}</Server><SSL>On</SSL><AuthPackage>Anonymous</AuthPackage>` +
        `<ASUrl>${origin}/EWS/Exchange.asmx</ASUrl><EwsUrl>${origin}/EWS/Exchange.asmx</EwsUrl>` +
        `<ServerExclusiveConnect>On</ServerExclusiveConnect></Protocol></Account></Response></Autodiscover>`,
      XML,
    );
  }
}

function poxError(code: number, message: string, now: number): string {
  const time = new Date(now).toISOString().slice(11, 19);
  return (
    `<?xml version="1.0" encoding="utf-8"?><Autodiscover xmlns="${RESPONSE_NS}"><Response>` +
    `<Error Time="${time}" Id="1"><ErrorCode>${code}</ErrorCode><Message>${xmlEscape(message)}</Message><DebugData /></Error>` +
    `</Response></Autodiscover>`
  );
}
