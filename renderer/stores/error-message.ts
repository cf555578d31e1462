import { ApiError } from '../../shared/contract/client';

/** What to tell the user when a call fails: main's own message, or the caller's plain fallback. */
export const messageOf = (error: unknown, fallback: string): string =>
  error instanceof ApiError ? error.message : fallback;
