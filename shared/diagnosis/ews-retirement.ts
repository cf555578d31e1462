/**
 * FLOWS.md §8: EWS in Exchange Online stops for good on 2027-04-01 (Microsoft's Exchange Team,
 * "Exchange Online EWS, your time is almost up"). Counted on UTC calendar days, so every machine
 * shows the same number whatever its time zone.
 */
export const EWS_END_DATE = '2027-04-01';

const DAY_MS = 86_400_000;
const endUtc = Date.parse(`${EWS_END_DATE}T00:00:00Z`);

/** Whole days from today's UTC date until the end; 0 or less once it has come. */
export function ewsDaysLeft(now: Date): number {
  const todayUtc = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((endUtc - todayUtc) / DAY_MS);
}

export const hasEwsEnded = (now: Date): boolean => ewsDaysLeft(now) <= 0;

/** The line every EWS result against Exchange Online ends with. */
export function ewsRetirementLine(now: Date): string {
  const days = ewsDaysLeft(now);
  if (days <= 0)
    return `EWS in Exchange Online ended on ${EWS_END_DATE}: use Microsoft Graph (Send through: Microsoft Graph).`;
  return `EWS in Exchange Online ends on ${EWS_END_DATE} (${days} day${days === 1 ? '' : 's'} left).`;
}
