/** A piece of a Result line: plain text, or a word that must not break at its hyphens. */
export interface ResultPiece {
  text: string;
  whole: boolean;
}

/**
 * Splits a Result line so that words with hyphens (cmdlets and their parameters, GUIDs, request
 * ids, header names) can be kept whole on screen: a browser breaks a line after any hyphen, which
 * turns `Get-OrganizationConfig -RetrieveEwsOperationAccessPolicy` or an app's ID into two
 * halves an admin would copy by hand wrongly. The text itself is never changed.
 */
export function resultPieces(line: string): ResultPiece[] {
  const pieces: ResultPiece[] = [];
  for (const part of line.split(/(\s+)/)) {
    if (part === '') continue;
    const whole = /\S-|-\S/.test(part);
    const last = pieces.at(-1);
    if (!whole && last && !last.whole) last.text += part;
    else pieces.push({ text: part, whole });
  }
  return pieces;
}
