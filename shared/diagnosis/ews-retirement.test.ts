import { afterEach, describe, expect, it } from 'vitest';
import { ewsDaysLeft, ewsRetirementLine, hasEwsEnded } from './ews-retirement';

const at = (iso: string) => new Date(iso);

describe('the days EWS in Exchange Online has left', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('counts whole UTC days to 2027-04-01', () => {
    expect(ewsDaysLeft(at('2026-12-01T12:00:00Z'))).toBe(121);
    expect(ewsRetirementLine(at('2026-12-01T12:00:00Z'))).toBe(
      'EWS in Exchange Online ends on 2027-04-01 (121 days left).',
    );
    expect(ewsRetirementLine(at('2027-03-31T23:59:59Z'))).toBe(
      'EWS in Exchange Online ends on 2027-04-01 (1 day left).',
    );
  });

  it('says EWS has ended from 2027-04-01 00:00 UTC on', () => {
    expect(hasEwsEnded(at('2027-03-31T23:59:59.999Z'))).toBe(false);
    expect(hasEwsEnded(at('2027-04-01T00:00:00Z'))).toBe(true);
    expect(hasEwsEnded(at('2028-01-01T00:00:00Z'))).toBe(true);
    expect(ewsRetirementLine(at('2027-04-01T00:00:00Z'))).toMatch(
      /ended on 2027-04-01: use Microsoft Graph/,
    );
  });

  it.each(['Pacific/Kiritimati', 'America/Los_Angeles', 'Asia/Kolkata', 'UTC'])(
    'gives the same count in the time zone %s',
    (tz) => {
      process.env.TZ = tz;
      // 23:30 UTC is already the next day in Kiritimati (UTC+14) and still the day in Los Angeles.
      expect(ewsDaysLeft(at('2026-12-01T23:30:00Z'))).toBe(121);
      expect(hasEwsEnded(at('2027-03-31T20:00:00Z'))).toBe(false);
    },
  );
});
