import { describe, expect, it } from 'vitest';
import { daysUntilExpiry, parseExpiryDate, secretExpiryNotice } from './secret-expiry';

const at = (iso: string) => new Date(iso);

describe('the client secret’s expiry', () => {
  it('reads only dates that exist, as YYYY-MM-DD', () => {
    expect(parseExpiryDate('2027-02-28')).toBe(Date.UTC(2027, 1, 28));
    expect(parseExpiryDate(' 2027-02-28 ')).toBe(Date.UTC(2027, 1, 28));
    for (const bad of ['2027-02-30', '28.02.2027', '2027-2-28', '', 'soon'])
      expect(parseExpiryDate(bad)).toBeUndefined();
  });

  it('counts whole UTC days, whatever the time of day', () => {
    expect(daysUntilExpiry('2026-12-31', at('2026-12-01T00:00:00Z'))).toBe(30);
    expect(daysUntilExpiry('2026-12-31', at('2026-12-01T23:59:59Z'))).toBe(30);
    expect(daysUntilExpiry('2026-12-01', at('2026-12-01T12:00:00Z'))).toBe(0);
    expect(daysUntilExpiry('2026-11-30', at('2026-12-01T12:00:00Z'))).toBe(-1);
  });

  it.each([
    ['2027-01-01', undefined],
    ['2026-12-31', 30],
    ['2026-12-16', 30],
    ['2026-12-15', 14],
    ['2026-12-09', 14],
    ['2026-12-08', 7],
    ['2026-12-01', 7],
    ['2026-11-30', 0],
  ] as const)('expiring %s warns at level %s on 2026-12-01', (date, level) => {
    expect(secretExpiryNotice(date, at('2026-12-01T08:00:00Z'))?.level).toBe(level);
  });

  it('says the days left and the fix, and names AADSTS7000222 once expired', () => {
    const now = at('2026-12-01T08:00:00Z');
    expect(secretExpiryNotice('2026-12-08', now)?.text).toBe(
      'The client secret expires on 2026-12-08 (7 days left): create a new secret in Certificates & secrets (Azure Portal step 21), put its Value in Client secret (row 24) and save before then.',
    );
    expect(secretExpiryNotice('2026-12-02', now)?.text).toContain('(1 day left)');
    expect(secretExpiryNotice('2026-11-01', now)?.text).toMatch(
      /^The client secret expired on 2026-11-01: Entra ID refuses it \(AADSTS7000222\)/,
    );
  });
});
