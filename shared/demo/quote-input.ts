/** How many characters of typed input an error message repeats. */
export const QUOTED_INPUT_MAX = 60;

/**
 * Typed input as an error message may quote it: in quotes, control characters and line breaks
 * written as escapes (`\n`, `\u0007`), cut to QUOTED_INPUT_MAX characters with an ellipsis, so a
 * pasted block or a stray control character cannot reshape the message.
 */
export function quoteInput(typed: string): string {
  const chars = [...typed];
  const kept = chars.slice(0, QUOTED_INPUT_MAX).join('');
  const escaped = kept.replace(/[\p{Cc}\u2028\u2029"\\]/gu, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    if (c === '"' || c === '\\') return `\\${c}`;
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return `"${escaped}${chars.length > QUOTED_INPUT_MAX ? '\u2026' : ''}"`;
}
