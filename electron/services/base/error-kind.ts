/**
 * What was thrown, as a log may say it: the error's name and its code (`Error [ENOSPC]`), never
 * its message, which can quote a value a user typed.
 */
export function errorKind(thrown: unknown): string {
  if (!(thrown instanceof Error)) return `a thrown ${typeof thrown}`;
  const code = (thrown as { code?: unknown }).code;
  return typeof code === 'string' ? `${thrown.name} [${code}]` : thrown.name;
}
