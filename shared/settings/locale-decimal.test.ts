import { describe, expect, it } from 'vitest';
import { formatLocaleDecimal, parseLocaleDecimal } from './locale-decimal';

describe('parseLocaleDecimal', () => {
  it('accepts a comma or a point as the decimal mark', () => {
    expect(parseLocaleDecimal('60,00')).toBe(60);
    expect(parseLocaleDecimal('60.00')).toBe(60);
    expect(parseLocaleDecimal(' 1,5 ')).toBe(1.5);
    expect(parseLocaleDecimal('0.25')).toBe(0.25);
    expect(parseLocaleDecimal('60')).toBe(60);
    expect(parseLocaleDecimal(',5')).toBe(0.5);
    expect(parseLocaleDecimal('5,')).toBe(5);
  });

  it('reads a sign, including the minus sign Swedish formatting writes', () => {
    expect(parseLocaleDecimal('-2,5')).toBe(-2.5);
    expect(parseLocaleDecimal('−2,5')).toBe(-2.5);
    expect(parseLocaleDecimal('+3')).toBe(3);
  });

  it('refuses what is not one plain decimal number', () => {
    for (const text of ['', ' ', ',', '-', 'sixty', '1,500.00', '1.2.3', '1 440', '6e1', '0x10'])
      expect(parseLocaleDecimal(text), text).toBeUndefined();
  });
});

describe('formatLocaleDecimal', () => {
  it('writes the locale’s decimal mark with two decimals', () => {
    expect(formatLocaleDecimal(60, 'sv-SE')).toBe('60,00');
    expect(formatLocaleDecimal(60, 'en-US')).toBe('60.00');
    expect(formatLocaleDecimal(0.5, 'sv-SE')).toBe('0,50');
  });

  it('does not group thousands, so the text parses back to the same number', () => {
    for (const locale of ['sv-SE', 'en-US']) {
      const text = formatLocaleDecimal(1440, locale);
      expect(text).toMatch(/^1440[.,]00$/);
      expect(parseLocaleDecimal(text)).toBe(1440);
      expect(parseLocaleDecimal(formatLocaleDecimal(-12.75, locale))).toBe(-12.75);
    }
  });
});
