import { z } from 'zod';

export const checkSteps = ['validate', 'token', 'send', 'folder', 'imap'] as const;
export type CheckStep = (typeof checkSteps)[number];

export const stepNames: Record<CheckStep, string> = {
  validate: 'Validate settings',
  token: 'Acquire token',
  send: 'Send test message (EWS)',
  folder: 'Open mailbox (EWS)',
  imap: 'Log in (IMAP)',
};

export const networkFaults = ['dns', 'refused', 'tls', 'timeout', 'reset'] as const;

/**
 * What is known about one failed step, gathered from msal-node, ews-javascript-api or the
 * network layer. Only codes and server-written messages: never a secret or a token.
 */
export const failureFactsSchema = z.object({
  step: z.enum(checkSteps),
  /** The AADSTS number from the token endpoint's error_codes. */
  aadsts: z.number().int().optional(),
  /** The OAuth error, e.g. invalid_grant. */
  oauthError: z.string().optional(),
  httpStatus: z.number().int().optional(),
  /** EWS ResponseCode or SOAP fault code, e.g. ErrorAccessDenied. */
  ewsCode: z.string().optional(),
  /** Exchange's x-ms-diagnostics header. */
  msDiagnostics: z.string().optional(),
  network: z.enum(networkFaults).optional(),
  /** The raw message as the server or client gave it. */
  message: z.string(),
  host: z.string().optional(),
  correlationId: z.string().optional(),
  retryAfterSeconds: z.number().optional(),
});
export type FailureFacts = z.infer<typeof failureFactsSchema>;
