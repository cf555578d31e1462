import * as ews from 'ews-javascript-api';
import type { FailureFacts } from '../../../../shared/diagnosis/failure';
import { abortable, CancelledError } from '../../base/abortable';
import type { Route } from '../../network/route';
import { RunFailure } from '../failure';
import { TEST_RUN_HEADER, type InboxSummary, type OutgoingMessage } from '../port';
import { routeFacts, wireFacts, type WireFailure } from '../../network/recorded-failure';
import type { StepContext } from '../step-context';

/** An OAuth bearer token (Exchange Online), or Basic over HTTPS (Exchange on-premises). */
export type EwsCredentials = { bearer: string } | { user: string; password: string };

/** Who the EWS calls act as. */
export interface EwsConnection {
  route: Route;
  credentials: EwsCredentials;
  /**
   * For app-only tokens, the mailbox every call impersonates (ExchangeImpersonation and
   * X-AnchorMailbox). Delegated tokens act as their user and leave this unset.
   */
  impersonate?: string;
}

export class EwsFailure extends RunFailure {
  constructor(facts: FailureFacts) {
    super(facts);
    this.name = 'EwsFailure';
  }
}

/** ews-javascript-api rejects with SoapFaultDetails or ServiceResponseException; neither is an Error. */
interface EwsRejection {
  message?: unknown;
  HttpStatusCode?: unknown;
  ErrorCode?: unknown;
  FaultCode?: unknown;
  /** SoapFaultDetails' MessageXml values, e.g. ErrorServerBusy's BackOffMilliseconds. */
  ErrorDetails?: { containsKey?(key: string): boolean; get?(key: string): unknown };
}

/** ErrorServerBusy's BackOffMilliseconds as whole seconds to wait, when Exchange sent it. */
function backOffSeconds(rejection: EwsRejection): number | undefined {
  const details = rejection.ErrorDetails;
  if (!details?.containsKey?.('BackOffMilliseconds')) return undefined;
  const ms = Number(details.get?.('BackOffMilliseconds'));
  return Number.isFinite(ms) && ms >= 0 ? Math.ceil(ms / 1000) : undefined;
}

const ewsCodeOf = (rejection: EwsRejection): string | undefined => {
  const fault = typeof rejection.FaultCode === 'string' ? rejection.FaultCode : '';
  if (fault) return fault.replace(/^\w+:/, '');
  // ServiceResponseException carries the response's code; SoapFaultDetails' default 0 means none.
  const code = rejection.ErrorCode;
  if (typeof code === 'number' && code > 0) return ews.ServiceError[code];
  return undefined;
};

/** ews-javascript-api's rejection and what the wire said, as FailureFacts. */
export function ewsFailureFacts(
  rejection: unknown,
  wire: WireFailure | undefined,
  step: FailureFacts['step'],
  route: Route,
): FailureFacts {
  const r = (typeof rejection === 'object' && rejection !== null ? rejection : {}) as EwsRejection;
  const fromWire = wireFacts(wire);
  const status = typeof r.HttpStatusCode === 'number' ? r.HttpStatusCode : fromWire.httpStatus;
  const own = typeof r.message === 'string' ? r.message.trim() : '';
  const message =
    own ||
    fromWire.message ||
    wire?.text?.trim() ||
    (status ? `HTTP ${status}` : 'EWS request failed.');
  const facts: FailureFacts = {
    ...fromWire,
    step,
    ...routeFacts(route, route.ewsHost),
    message,
  };
  if (status !== undefined) facts.httpStatus = status;
  const ewsCode = ewsCodeOf(r);
  if (ewsCode) facts.ewsCode = ewsCode;
  const backOff = ewsCode === 'ErrorServerBusy' ? backOffSeconds(r) : undefined;
  if (backOff !== undefined) facts.retryAfterSeconds = backOff;
  return facts;
}

const MAX_BODY_TEXT = 500;

/** Records below ews-javascript-api what it drops: status, headers, a plain-text body, the socket error. */
function recordingXhrApi(route: Route, record: (wire: WireFailure) => void): ews.XhrApi {
  const api = route.transport.ewsXhrApi();
  const inner = api.xhr.bind(api);
  api.xhr = async (...args: Parameters<ews.XhrApi['xhr']>) => {
    try {
      return await inner(...args);
    } catch (thrown) {
      const x = thrown as { status?: unknown; headers?: unknown; responseText?: unknown };
      const status = typeof x.status === 'number' ? x.status : undefined;
      const headers =
        typeof x.headers === 'object' && x.headers !== null
          ? (x.headers as Record<string, unknown>)
          : undefined;
      const body = typeof x.responseText === 'string' ? x.responseText : '';
      record({
        status,
        headers,
        text: body.trimStart().startsWith('<') ? undefined : body.slice(0, MAX_BODY_TEXT),
        error: status === undefined ? thrown : undefined,
      });
      throw thrown;
    }
  };
  return api;
}

function formatVersion(info: ews.ExchangeServerInfo | null | undefined): string | undefined {
  if (!info?.MajorVersion) return undefined;
  const number = `${info.MajorVersion}.${info.MinorVersion}.${info.MajorBuildNumber}.${info.MinorBuildNumber}`;
  return info.VersionString ? `${number} (${info.VersionString})` : number;
}

/**
 * ews-javascript-api writes element text into its SOAP as it is given (EwsServiceXmlWriter
 * .WriteValue), so `&` or `<` in an address, a subject or a body would break the request. Every
 * text we hand it for the XML goes through here; headers take the raw value.
 */
export const xmlText = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/**
 * One ExchangeService for one call, with OAuth, the trusted transport, and for app-only tokens
 * impersonation plus X-AnchorMailbox, as Exchange Online requires.
 */
export async function withService<T>(
  connection: EwsConnection,
  step: FailureFacts['step'],
  signal: AbortSignal | undefined,
  use: (service: ews.ExchangeService) => Promise<T>,
): Promise<T> {
  let wire: WireFailure | undefined;
  const service = new ews.ExchangeService(ews.ExchangeVersion.Exchange2013_SP1);
  service.XHRApi = recordingXhrApi(connection.route, (w) => (wire = w));
  service.Url = new ews.Uri(connection.route.ewsUrl);
  const { credentials } = connection;
  service.Credentials =
    'bearer' in credentials
      ? new ews.OAuthCredentials(credentials.bearer)
      : new ews.WebCredentials(credentials.user, credentials.password);
  if (connection.impersonate) {
    service.ImpersonatedUserId = new ews.ImpersonatedUserId(
      ews.ConnectingIdType.SmtpAddress,
      xmlText(connection.impersonate),
    );
    service.HttpHeaders.Add('X-AnchorMailbox', connection.impersonate);
  }
  try {
    return await abortable(use(service), signal);
  } catch (rejection) {
    if (signal?.aborted) throw rejection;
    throw new EwsFailure(ewsFailureFacts(rejection, wire, step, connection.route));
  }
}

const INTERNET_MESSAGE_ID = new ews.ExtendedPropertyDefinition(0x1035, ews.MapiPropertyType.String);
const TEST_RUN_PROPERTY = new ews.ExtendedPropertyDefinition(
  ews.DefaultExtendedPropertySet.InternetHeaders,
  TEST_RUN_HEADER,
  ews.MapiPropertyType.String,
);

/** CreateItem with SendAndSaveCopy; answers the server version when EWS told it. */
export function sendTestMessage(
  connection: EwsConnection,
  message: OutgoingMessage,
  signal?: AbortSignal,
): Promise<{ serverVersion?: string }> {
  return withService(connection, 'send', signal, async (service) => {
    const item = new ews.EmailMessage(service);
    item.From = new ews.EmailAddress(xmlText(message.from));
    item.Subject = xmlText(message.subject);
    item.Body = new ews.MessageBody(ews.BodyType.Text, xmlText(message.body));
    item.ToRecipients.Add(xmlText(message.to));
    // PR_INTERNET_MESSAGE_ID and a header in PS_INTERNET_HEADERS: how EWS sets both on a new item.
    item.SetExtendedProperty(INTERNET_MESSAGE_ID, xmlText(message.mark.messageId));
    item.SetExtendedProperty(TEST_RUN_PROPERTY, xmlText(message.mark.runId));
    await item.SendAndSaveCopy();
    return { serverVersion: formatVersion(service.ServerInfo) };
  });
}

/**
 * GetFolder on the mailbox's Inbox (totals) and FindItem for its three newest subjects, each a
 * request of its own to `retrying` (ErrorServerBusy waits, then that request alone goes again).
 */
export async function inspectInbox(
  connection: EwsConnection,
  mailbox: string,
  context: Pick<StepContext, 'signal' | 'retrying'>,
): Promise<InboxSummary> {
  const { signal } = context;
  const inboxId = new ews.FolderId(
    ews.WellKnownFolderName.Inbox,
    new ews.Mailbox(xmlText(mailbox)),
  );
  const call = <T>(use: (service: ews.ExchangeService) => Promise<T>) =>
    context.retrying(() => withService(connection, 'folder', signal, use));
  const folder = await call((service) => ews.Folder.Bind(service, inboxId));
  // A cancelled run must not start its second request once the first one lands.
  if (signal.aborted) throw new CancelledError();
  const view = new ews.ItemView(3);
  view.OrderBy.Add(ews.ItemSchema.DateTimeReceived, ews.SortDirection.Descending);
  const found = await call(async (service) => ({
    items: await service.FindItems(inboxId, view),
    serverVersion: formatVersion(service.ServerInfo),
  }));
  return {
    total: folder.TotalCount,
    unread: folder.UnreadCount,
    newestSubjects: found.items.Items.map((i) => i.Subject),
    newestAt: found.items.Items[0]?.DateTimeReceived?.ToISOString(),
    serverVersion: found.serverVersion,
  };
}
