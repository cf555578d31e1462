import { z } from 'zod';

/**
 * How the UI asks main to change one secret. The UI never holds a stored secret, so "keep" is the
 * absence of a change, "set" carries the new value typed by the user, "clear" removes it.
 */
export const SECRET_MAX_LENGTH = 4096;

export const secretChangeSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('set'), value: z.string().min(1).max(SECRET_MAX_LENGTH) }),
  z.object({ action: z.literal('clear') }),
]);
export type SecretChange = z.infer<typeof secretChangeSchema>;

/** The mask that stands for a stored secret in every secret field. */
export const SECRET_MASK = '••••••••';

/** Whether a secret will be present once the pending change (if any) is applied. */
export const willBeSet = (storedIsSet: boolean, change: SecretChange | undefined): boolean =>
  change === undefined ? storedIsSet : change.action === 'set';
