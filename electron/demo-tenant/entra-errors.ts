import { randomUUID } from 'node:crypto';

/**
 * Entra ID's token-endpoint errors (FLOWS.md §4), with the `error`, HTTP status, suberror and
 * message text Entra gives. Messages take the values Entra puts in them.
 */
export interface EntraErrorSpec {
  error: string;
  status: number;
  suberror?: string;
  message: string;
}

const MFA_RESOURCE = '00000002-0000-0ff1-ce00-000000000000';

export const ENTRA_ERRORS = {
  70000: () => ({
    error: 'invalid_grant',
    status: 400,
    message:
      "The provided value for the input parameter 'refresh_token' or 'assertion' is not valid.",
  }),
  70003: (grant: string) => ({
    error: 'unsupported_grant_type',
    status: 400,
    message: `The app requested an unsupported grant type '${grant}'.`,
  }),
  70011: (scope: string) => ({
    error: 'invalid_scope',
    status: 400,
    message: `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
  }),
  90014: (field: string) => ({
    error: 'invalid_request',
    status: 400,
    message: `The required field '${field}' is missing from the credential. Ensure that you have all the necessary parameters for the login request.`,
  }),
  900144: (parameter: string) => ({
    error: 'invalid_request',
    status: 400,
    message: `The request body must contain the following parameter: '${parameter}'.`,
  }),
  900561: (verb: string) => ({
    error: 'invalid_request',
    status: 400,
    message: `The endpoint only accepts POST, OPTIONS requests. Received a ${verb} request.`,
  }),
  1002012: (scope: string) => ({
    error: 'invalid_scope',
    status: 400,
    message: `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
  }),
  500011: (resource: string, tenant: string) => ({
    error: 'invalid_resource',
    status: 400,
    message: `The resource principal named ${resource} was not found in the tenant named ${tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
  }),
  90002: (tenant: string) => ({
    error: 'invalid_tenant',
    status: 400,
    message: `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
  }),
  900023: (tenant: string) => ({
    error: 'invalid_request',
    status: 400,
    message: `Specified tenant identifier '${tenant}' is neither a valid DNS name, nor a valid external domain.`,
  }),
  700016: (clientId: string, tenant: string) => ({
    error: 'unauthorized_client',
    status: 400,
    message: `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
  }),
  7000218: () => ({
    error: 'invalid_client',
    status: 401,
    message:
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
  }),
  700025: () => ({
    error: 'invalid_client',
    status: 401,
    message:
      "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
  }),
  7000215: (clientId: string) => ({
    error: 'invalid_client',
    status: 401,
    message: `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
  }),
  7000222: (clientId: string) => ({
    error: 'invalid_client',
    status: 401,
    message: `The provided client secret keys for app '${clientId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
  }),
  50034: (tenant: string) => ({
    error: 'invalid_grant',
    status: 400,
    message: `The user account {EUII Hidden} does not exist in the ${tenant} directory. To sign into this application, the account must be added to the directory.`,
  }),
  50126: () => ({
    error: 'invalid_grant',
    status: 400,
    message: 'Error validating credentials due to invalid username or password.',
  }),
  50053: () => ({
    error: 'invalid_grant',
    status: 400,
    message:
      "The account is locked, you've tried to sign in too many times with an incorrect user ID or password.",
  }),
  50057: () => ({ error: 'invalid_grant', status: 400, message: 'The user account is disabled.' }),
  50055: () => ({
    error: 'invalid_grant',
    status: 400,
    suberror: 'user_password_expired',
    message: 'The password is expired.',
  }),
  53003: () => ({
    error: 'invalid_grant',
    status: 400,
    message:
      'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
  }),
  50076: () => ({
    error: 'invalid_grant',
    status: 400,
    suberror: 'basic_action',
    message: `Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${MFA_RESOURCE}'.`,
  }),
  50079: () => ({
    error: 'invalid_grant',
    status: 400,
    suberror: 'basic_action',
    message: `Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication to access '${MFA_RESOURCE}'.`,
  }),
  50049: () => ({
    error: 'invalid_instance',
    status: 400,
    message: 'Unknown or invalid instance.',
  }),
  65001: (clientId: string, name: string) => ({
    error: 'invalid_grant',
    status: 400,
    suberror: 'consent_required',
    message: `The user or administrator has not consented to use the application with ID '${clientId}' named '${name}'. Send an interactive authorization request for this user and resource.`,
  }),
} satisfies Record<number, (...args: string[]) => EntraErrorSpec>;

export type EntraErrorCode = keyof typeof ENTRA_ERRORS;

export class EntraError extends Error {
  constructor(
    readonly code: EntraErrorCode,
    readonly spec: EntraErrorSpec,
  ) {
    super(`AADSTS${code}`);
  }
}

export function entraError<C extends EntraErrorCode>(
  code: C,
  ...args: Parameters<(typeof ENTRA_ERRORS)[C]>
): EntraError {
  const make = ENTRA_ERRORS[code] as (...a: string[]) => EntraErrorSpec;
  return new EntraError(code, make(...(args as string[])));
}

/** Entra's timestamp format: `2026-11-26 09:14:03Z`. */
function entraTimestamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
}

export function entraErrorBody(
  err: EntraError,
  correlationId: string | undefined,
  now: number,
): Record<string, unknown> {
  const traceId = randomUUID();
  const correlation = correlationId ?? randomUUID();
  const timestamp = entraTimestamp(now);
  return {
    error: err.spec.error,
    // Entra separates the sentence, Trace ID, Correlation ID and Timestamp with CRLF.
    error_description: `AADSTS${err.code}: ${err.spec.message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlation}\r\nTimestamp: ${timestamp}`,
    error_codes: [err.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlation,
    error_uri: `https://login.microsoftonline.com/error?code=${err.code}`,
    ...(err.spec.suberror ? { suberror: err.spec.suberror } : {}),
  };
}
