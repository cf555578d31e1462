import { describe, expect, it } from 'vitest';
import { resultPieces } from './result-tokens';

describe('resultPieces', () => {
  it('keeps hyphenated words whole and joins the rest, changing no character', () => {
    const line =
      'Fix: read the list first: Get-OrganizationConfig -RetrieveEwsOperationAccessPolicy | Format-List EwsAllowedAppIDs for c4f1a2b3-5d6e-4f70-8a91-b2c3d4e5f601.';
    const pieces = resultPieces(line);
    expect(pieces.map((p) => p.text).join('')).toBe(line);
    expect(pieces.filter((p) => p.whole).map((p) => p.text)).toEqual([
      'Get-OrganizationConfig',
      '-RetrieveEwsOperationAccessPolicy',
      'Format-List',
      'c4f1a2b3-5d6e-4f70-8a91-b2c3d4e5f601.',
    ]);
    expect(pieces[0]).toEqual({ text: 'Fix: read the list first: ', whole: false });
  });

  it('leaves a line without hyphenated words as one plain piece; a lone dash is plain', () => {
    expect(resultPieces('OK!')).toEqual([{ text: 'OK!', whole: false }]);
    expect(resultPieces('Failed — see below')).toEqual([
      { text: 'Failed — see below', whole: false },
    ]);
    expect(resultPieces('a - b')).toEqual([{ text: 'a - b', whole: false }]);
  });
});
