/**
 * The client secret's expiry (FLOWS.md §5): the portal offers up to 24 months and shows only the
 * date, so the admin enters it at Azure Portal step 21; the app warns 30, 14 and 7 days ahead and
 * names the failure (AADSTS7000222) once it has passed.
 */
export const SECRET_WARNING_DAYS = [30, 14, 7] as const;

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date as YYYY-MM-DD that exists (no 2027-02-30), in UTC midnight ms. */
export function parseExpiryDate(text: string): number | undefined {
  const match = ISO_DATE.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  const exists = back.getUTCMonth() === month - 1 && back.getUTCDate() === day;
  return exists ? ms : undefined;
}

/** Whole days from today (UTC) to the expiry date; 0 on the day itself, negative after. */
export function daysUntilExpiry(expires: string, now: Date): number | undefined {
  const at = parseExpiryDate(expires);
  return at === undefined ? undefined : daysFromToday(at, now);
}

const daysFromToday = (at: number, now: Date) =>
  Math.round((at - Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())) / DAY_MS);

export interface SecretExpiryNotice {
  /** The warning step reached (30, 14, 7), or 0 once the secret has expired. */
  level: (typeof SECRET_WARNING_DAYS)[number] | 0;
  daysLeft: number;
  text: string;
}

const RENEW =
  'create a new secret in Certificates & secrets (Azure Portal step 21), put its Value in Client secret (row 24) and save';

/**
 * The warning for an expiry date, or undefined when it is further off than 30 days or unset.
 * `formatDate` writes the date as the screen shows it (the Result and logs keep YYYY-MM-DD).
 */
export function secretExpiryNotice(
  expires: string,
  now: Date,
  formatDate: (utcMs: number) => string = (ms) => new Date(ms).toISOString().slice(0, 10),
): SecretExpiryNotice | undefined {
  const at = parseExpiryDate(expires);
  if (at === undefined) return undefined;
  const daysLeft = daysFromToday(at, now);
  const date = formatDate(at);
  if (daysLeft < 0)
    return {
      level: 0,
      daysLeft,
      text: `The client secret expired on ${date}: Entra ID refuses it (AADSTS7000222). To fix it, ${RENEW}.`,
    };
  const level = [...SECRET_WARNING_DAYS].reverse().find((days) => daysLeft <= days);
  if (level === undefined) return undefined;
  const left = daysLeft === 1 ? '1 day left' : `${daysLeft} days left`;
  return {
    level,
    daysLeft,
    text: `The client secret expires on ${date} (${left}): ${RENEW} before then.`,
  };
}
