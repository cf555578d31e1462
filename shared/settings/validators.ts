/** Checks shared by both procedures' schemas; each returns true when the text is acceptable. */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
// Deliberately practical rather than RFC 5322: what Exchange accepts as an SMTP address.
const EMAIL = /^[^\s@"<>()[\],;:]+@[^\s@"<>()[\],;:]+\.[a-z]{2,}$/i;

export const isGuid = (text: string): boolean => GUID.test(text);

export const isHostName = (text: string): boolean => {
  if (text.length === 0 || text.length > 253) return false;
  return text.split('.').every((label) => LABEL.test(label));
};

export const isIpAddress = (text: string): boolean =>
  IPV4.test(text) ||
  (/^[0-9a-f:]+$/i.test(text) && text.includes(':') && text.split(':').length <= 8);

export const isHost = (text: string): boolean => isIpAddress(text) || isHostName(text);

/** A verified domain such as contoso.onmicrosoft.com: a host name with at least one dot. */
export const isDomain = (text: string): boolean => isHostName(text) && text.includes('.');

export const isTenant = (text: string): boolean => isGuid(text) || isDomain(text);

/**
 * Characters that change how text is shown without showing themselves: zero-width spaces and
 * joiners, direction marks and overrides (U+202E shows an address reversed), the BOM.
 */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/;

export const hasInvisibleCharacter = (text: string): boolean => INVISIBLE.test(text);

export const INVISIBLE_IN_ADDRESS =
  'E-mail address holds an invisible character (e.g. a right-to-left mark): type it again';

/** What to do about a missing or malformed server name, in every procedure that has one. */
export const HOST_HOW = 'enter a host name such as outlook.office365.com, or an IP address';

export const INVALID_ADDRESS =
  'E-mail address is not valid: enter it as name@domain, e.g. erp@contoso.com';

export const isEmail = (text: string): boolean => EMAIL.test(text) && !hasInvisibleCharacter(text);

const GUID_ANYWHERE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * A GUID the way admins paste one: bare, in braces ({…}, as registry and PowerShell write it),
 * or inside a link copied from the Azure Portal. `prefer` picks one of several (e.g. `appId`
 * for the Application (client) ID in a link that also holds an object ID); undefined when the
 * text holds no GUID or several and none after `prefer`.
 */
export function guidIn(text: string, prefer?: RegExp): string | undefined {
  const trimmed = text.trim();
  const braced = /^\{([^{}]*)\}$/.exec(trimmed);
  if (braced?.[1] !== undefined && isGuid(braced[1])) return braced[1];
  if (isGuid(trimmed)) return trimmed;
  if (!/^https?:\/\//i.test(trimmed)) return undefined;
  const found = [...new Set(trimmed.match(GUID_ANYWHERE) ?? [])];
  if (found.length === 1) return found[0];
  const preferred = prefer && new RegExp(`${prefer.source}(${GUID_ANYWHERE.source})`, 'i');
  return preferred?.exec(trimmed)?.[1];
}

/** HH:MM on a 24-hour clock. */
export const isTimeOfDay = (text: string): boolean => /^([01]\d|2[0-3]):[0-5]\d$/.test(text);

/** Parses a whole number typed by a person; undefined when it is not one. */
export const parseWholeNumber = (text: string): number | undefined => {
  const trimmed = text.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : undefined;
};

/** A whole number typed as text, and the message when it is not one or lies outside min–max. */
export const wholeNumberInRange = (
  text: string,
  name: string,
  min: number,
  max: number,
  unit = '',
): { value: number | undefined; message?: string } => {
  const value = parseWholeNumber(text);
  if (value === undefined)
    return {
      value,
      message: `${name} must be a whole number: enter digits only, ${min} to ${max}`,
    };
  if (value < min || value > max)
    return {
      value,
      message: `${name} must be between ${min} and ${max}${unit}: enter a number in that range`,
    };
  return { value };
};
