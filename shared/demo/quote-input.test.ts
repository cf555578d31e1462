import { expect, it } from 'vitest';
import { QUOTED_INPUT_MAX, quoteInput } from './quote-input';

it('quotes typed input escaped: line breaks, tabs, other control characters, quotes', () => {
  expect(quoteInput('abc')).toBe('"abc"');
  expect(quoteInput('a\r\nb\tc\u0007"d"\\')).toBe('"a\\r\\nb\\tc\\u0007\\"d\\"\\\\"');
  expect(quoteInput('x\u2028y')).toBe('"x\\u2028y"');
});

it('quotes at most QUOTED_INPUT_MAX characters, marking the cut', () => {
  const long = 'é'.repeat(QUOTED_INPUT_MAX + 40);
  expect(quoteInput(long)).toBe(`"${'é'.repeat(QUOTED_INPUT_MAX)}\u2026"`);
  expect(quoteInput('é'.repeat(QUOTED_INPUT_MAX))).toBe(`"${'é'.repeat(QUOTED_INPUT_MAX)}"`);
});
