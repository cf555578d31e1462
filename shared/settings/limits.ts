import { z } from 'zod';
import { SECRET_MAX_LENGTH } from './secrets';

/** The message for a text over its limit: what is wrong and what fits (SCREENS.md §4). */
export const tooLong = (max: number, length: number): string =>
  `Too long: at most ${max} characters (${length} typed); shorten it`;

/**
 * Every text field of `form` longer than its schema allows, as the same message main's limits
 * would otherwise turn into a refused request naming a field path. Only the top-level strings:
 * rows and secrets are checked where they are validated.
 */
export function lengthErrors<K extends string>(
  shape: Readonly<Record<K, z.ZodType>>,
  form: Readonly<Partial<Record<NoInfer<K>, unknown>>>,
  enabled: (key: NoInfer<K>) => boolean,
  fail: (field: NoInfer<K>, message: string) => void,
): void {
  for (const [key, type] of Object.entries(shape) as [K, z.ZodType][]) {
    const value = form[key];
    if (!(type instanceof z.ZodString) || typeof value !== 'string' || !enabled(key)) continue;
    const max = type.maxLength;
    if (max !== null && value.length > max) fail(key, tooLong(max, value.length));
  }
}

/** A secret typed longer than the keychain entry may be. */
export const secretTooLong = (value: string | undefined): string | undefined =>
  value !== undefined && value.length > SECRET_MAX_LENGTH
    ? tooLong(SECRET_MAX_LENGTH, value.length)
    : undefined;
