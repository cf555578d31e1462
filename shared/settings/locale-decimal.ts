/**
 * Decimal numbers as people type them: Swedish users write `60,00`, English users `60.00`, and an
 * admin may paste either whatever the machine's locale is. Thousands separators are refused rather
 * than guessed, since `1,500` means one and a half in Swedish and fifteen hundred in English.
 */
const DECIMAL = /^([-−+]?)(\d*)(?:[.,](\d*))?$/;

/** The number in `text`, with `,` or `.` as the decimal mark; undefined when it is not one. */
export function parseLocaleDecimal(text: string): number | undefined {
  const match = DECIMAL.exec(text.trim());
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = ''] = match;
  if (whole === '' && fraction === '') return undefined;
  const value = Number(`${whole || '0'}.${fraction || '0'}`);
  return sign === '-' || sign === '−' ? -value : value;
}

/**
 * `value` as the user's locale writes it, with a fixed number of decimals and no grouping, so that
 * what is shown can be typed back unchanged (`60,00` in sv-SE, `60.00` in en-US).
 */
export const formatLocaleDecimal = (value: number, locale: string, fractionDigits = 2): string =>
  new Intl.NumberFormat(locale, {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
    useGrouping: false,
  }).format(value);
