/**
 * Microsoft Graph's error answers (learn.microsoft.com/graph/errors): a JSON body
 * `{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}` and the
 * request-id header. Codes and texts of the mail API as Microsoft's pages and bug reports quote them.
 */
export interface GraphErrorSpec {
  status: number;
  code: string;
  message: string;
}

export const GRAPH_ERRORS = {
  tokenMissing: () => ({
    status: 401,
    code: 'InvalidAuthenticationToken',
    message: 'Access token is empty.',
  }),
  tokenInvalid: () => ({
    status: 401,
    code: 'InvalidAuthenticationToken',
    message: 'Access token validation failure.',
  }),
  tokenAudience: () => ({
    status: 401,
    code: 'InvalidAuthenticationToken',
    message: 'Access token validation failure. Invalid audience.',
  }),
  tokenExpired: () => ({
    status: 401,
    code: 'InvalidAuthenticationToken',
    message: 'Lifetime validation failed, the token is expired.',
  }),
  noPermissions: () => ({
    status: 401,
    code: 'NoPermissionsInAccessToken',
    message: 'The token contains no permissions, or permissions can not be understood.',
  }),
  accessDenied: () => ({
    status: 403,
    code: 'ErrorAccessDenied',
    message: 'Access is denied. Check credentials and try again.',
  }),
  /** An application access policy (or RBAC for Applications scope) leaves this mailbox out. */
  odataDisabled: () => ({
    status: 403,
    code: 'ErrorAccessDenied',
    message: 'Access to OData is disabled.',
  }),
  sendAsDenied: () => ({
    status: 403,
    code: 'ErrorSendAsDenied',
    message:
      'The user account which was used to submit this request does not have the right to send mail on behalf of the specified sending account., Cannot submit message.',
  }),
  itemNotFound: () => ({
    status: 404,
    code: 'ErrorItemNotFound',
    message: 'The specified object was not found in the store.',
  }),
  invalidUser: (user: string) => ({
    status: 404,
    code: 'ErrorInvalidUser',
    message: `The requested user '${user}' is invalid.`,
  }),
  /** A user without an Exchange Online mailbox: no licence, a guest, or a mailbox on-premises. */
  noMailbox: () => ({
    status: 404,
    code: 'MailboxNotEnabledForRESTAPI',
    message: 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
  }),
  segment: (segment: string) => ({
    status: 400,
    code: 'BadRequest',
    message: `Resource not found for the segment '${segment}'.`,
  }),
  badJson: () => ({
    status: 400,
    code: 'BadRequest',
    message:
      'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
  }),
  badQuery: (message: string) => ({ status: 400, code: 'BadRequest', message }),
  invalidRecipients: () => ({
    status: 400,
    code: 'ErrorInvalidRecipients',
    message: 'At least one recipient isn\u2019t valid.',
  }),
  /** Over the app's concurrent requests (the text Outlook answers, quoted in bug reports). */
  throttledConcurrency: () => ({
    status: 429,
    code: 'ApplicationThrottled',
    message: 'Application is over its MailboxConcurrency limit.',
  }),
  /** Over the 10,000 requests per 10 minutes of an app on a mailbox (the text is the demo's guess). */
  throttledRequests: () => ({
    status: 429,
    code: 'ApplicationThrottled',
    message: 'Application is over its MailboxRequests limit.',
  }),
  /** JSON batching: a body that is not `{"requests":[…]}`, more than 20 steps, an id twice. */
  badBatch: (message: string) => ({ status: 400, code: 'BadRequest', message }),
  /** A batch step whose dependsOn step failed. */
  failedDependency: () => ({
    status: 424,
    code: 'FailedDependency',
    message: 'A request this request depends on failed.',
  }),
  methodNotAllowed: () => ({
    status: 405,
    code: 'Request_BadRequest',
    message: 'Specified HTTP method is not allowed for the request target.',
  }),
} satisfies Record<string, (...args: string[]) => GraphErrorSpec>;

export class GraphError extends Error {
  /** Sent as Retry-After with a 429. */
  retryAfterSeconds?: number;

  constructor(readonly spec: GraphErrorSpec) {
    super(spec.code);
  }
}

export function graphError<K extends keyof typeof GRAPH_ERRORS>(
  kind: K,
  ...args: Parameters<(typeof GRAPH_ERRORS)[K]>
): GraphError {
  const make = GRAPH_ERRORS[kind] as (...a: string[]) => GraphErrorSpec;
  return new GraphError(make(...(args as string[])));
}

/** Graph's innerError date: seconds, no zone letter (`2019-05-24T10:16:21`). */
function graphDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, '');
}

export function graphErrorBody(
  spec: GraphErrorSpec,
  ids: { requestId: string; clientRequestId: string },
  now: number,
): Record<string, unknown> {
  return {
    error: {
      code: spec.code,
      message: spec.message,
      innerError: {
        date: graphDate(now),
        'request-id': ids.requestId,
        'client-request-id': ids.clientRequestId,
      },
    },
  };
}
