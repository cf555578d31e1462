import { z } from 'zod';

/**
 * Codes the boundary can answer with. `failed` is reserved for unexpected errors: their message is
 * replaced by a generic one so that nothing internal (stacks, paths, secrets) crosses.
 */
export const errorCodes = [
  'unknown-method',
  'bad-input',
  'bad-output',
  'keychain-unavailable',
  'keychain-locked',
  'storage-failed',
  'cancelled',
  'not-found',
  /** A demo.* method outside the Demo environment. */
  'demo-only',
  'failed',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const apiErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
});
export type ApiErrorShape = z.infer<typeof apiErrorSchema>;

export const resultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: apiErrorSchema }),
]);
export type Result = z.infer<typeof resultSchema>;

/** An error whose message was written for the user and may cross the boundary as it is. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
