import { z } from 'zod';

export const checkSteps = [
  'validate',
  'token',
  'send',
  'folder',
  'imap',
  'smtp-connect',
  'smtp-tls',
  'smtp-auth',
  'smtp-send',
  'smtp-oauth',
  'compose',
  'graph-send',
  'graph-folder',
  /** After `OK!`: following the message to Sent Items, the recipient's Inbox, and a bounce. */
  'delivery',
] as const;
export type CheckStep = (typeof checkSteps)[number];

export const stepNames: Record<CheckStep, string> = {
  validate: 'Validate settings',
  token: 'Acquire token',
  send: 'Send test message (EWS)',
  folder: 'Open mailbox (EWS)',
  imap: 'Log in (IMAP)',
  'smtp-connect': 'Connect (SMTP)',
  'smtp-tls': 'Secure the connection (TLS)',
  'smtp-auth': 'Log in (SMTP AUTH)',
  'smtp-send': 'Send test message (SMTP)',
  'smtp-oauth': 'Log in with OAuth (SMTP XOAUTH2)',
  compose: 'Compose in the mail client',
  'graph-send': 'Send test message (Microsoft Graph)',
  'graph-folder': 'Open mailbox (Microsoft Graph)',
  delivery: 'Delivery',
};

export const networkFaults = ['dns', 'refused', 'tls', 'timeout', 'reset'] as const;

export const proxyFaultKinds = [
  /** 407: the proxy wants credentials (none, or wrong ones). */
  'auth',
  /** The proxy's own 403: its rules refuse this host or port (squid's CONNECT to 443 only). */
  'refused',
  /** The proxy's 502, 503 or 504: it could not reach the host. */
  'unreachable',
  /** The proxy accepted the connection and never answered. */
  'timeout',
  /** The proxy itself could not be reached (refused, DNS, reset). */
  'down',
  /** The automatic configuration script (PAC) could not be loaded or run. */
  'pac',
] as const;
export type ProxyFaultKind = (typeof proxyFaultKinds)[number];

export const proxyFaultSchema = z.object({
  kind: z.enum(proxyFaultKinds),
  /** The proxy as `host:port` (or the PAC script's URL). */
  proxy: z.string(),
  /** Where the proxy setting came from, in words: "the system's settings", "HTTPS_PROXY", "the app's setting". */
  source: z.string(),
  /** What the proxy was asked to reach, `host:port`. */
  target: z.string(),
  status: z.number().int().optional(),
  /** The schemes of a 407's Proxy-Authenticate, e.g. Basic, NTLM, Negotiate. */
  schemes: z.array(z.string()).optional(),
  /** Whether credentials were sent (a 407 after sending them means they are wrong). */
  credentialsSent: z.boolean().optional(),
});
export type ProxyFault = z.infer<typeof proxyFaultSchema>;

export const certificateFactsSchema = z.object({
  /** The issuer of the chain's last certificate (its root, or the topmost one sent). */
  issuer: z.string(),
  /** The certificate the server (or the proxy in its place) presented, by subject. */
  subject: z.string(),
  /** Whether this computer trusts the chain (OS store and Node's list). */
  trusted: z.boolean(),
  /** The chain ends in a root that is not a public one: a TLS-inspecting proxy or antivirus. */
  privateRoot: z.boolean(),
  /** OpenSSL's verification code, e.g. SELF_SIGNED_CERT_IN_CHAIN. */
  code: z.string().optional(),
});
export type CertificateFacts = z.infer<typeof certificateFactsSchema>;

/** Throttling held a Test (or one account of a validation) up to the app's bound on waiting. */
export const throttleWaitSchema = z.object({
  /** Waited in all before giving up. */
  waitedSeconds: z.number().nonnegative(),
  /** What the next wait would have been (the server's Retry-After, or the back-off's). */
  askedSeconds: z.number().nonnegative(),
  /** The most the app waits on throttling in all. */
  boundSeconds: z.number().nonnegative(),
});
export type ThrottleWait = z.infer<typeof throttleWaitSchema>;

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
  /** An SMTP reply: its basic code (535) and enhanced status (5.7.139) when the server gave one. */
  smtpCode: z.number().int().optional(),
  smtpStatus: z.string().optional(),
  /** Exchange Online's X-EWS-Policy-Reason header on a 403 (the EWS access controls). */
  ewsPolicyReason: z.string().optional(),
  /** The schemes a 401's WWW-Authenticate offers, e.g. Negotiate, NTLM, Basic, Bearer. */
  authSchemes: z.array(z.string()).optional(),
  /** Microsoft Graph's error.code, e.g. ErrorAccessDenied. */
  graphCode: z.string().optional(),
  /** Microsoft Graph's request-id, for a support ticket. */
  requestId: z.string().optional(),
  /** The OS keychain could not give the run its secret: locked, or not there at all. */
  keychain: z.enum(['locked', 'unavailable']).optional(),
  /** A stop the app itself makes before sending: EWS in Exchange Online has ended (FLOWS.md §8). */
  appCode: z.enum(['ews-retired']).optional(),
  /** How the failed connection went, in the Result's words: "direct" or "via proxy.corp:8080 (from HTTPS_PROXY)". */
  route: z.string().optional(),
  /** The proxy's own answer, not the server's: it refused, asked for credentials, or could not reach the host. */
  proxy: proxyFaultSchema.optional(),
  /** The certificate the TLS handshake met, when it could not be verified. */
  certificate: certificateFactsSchema.optional(),
  /** A bounce: the DSN's fields for the recipient it failed (RFC 3464), not the NDR's prose. */
  dsn: z
    .object({
      status: z.string(),
      action: z.string(),
      recipient: z.string(),
      remoteMta: z.string().optional(),
    })
    .optional(),
  /** The raw message as the server or client gave it. */
  message: z.string(),
  host: z.string().optional(),
  correlationId: z.string().optional(),
  retryAfterSeconds: z.number().optional(),
  /** The app stopped waiting out throttling: waiting longer would have passed its bound. */
  throttleWait: throttleWaitSchema.optional(),
});
export type FailureFacts = z.infer<typeof failureFactsSchema>;
