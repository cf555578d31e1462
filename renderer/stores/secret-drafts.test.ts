import { describe, expect, it } from 'vitest';
import { toSecretChange } from './secret-drafts';

describe('toSecretChange', () => {
  it('keeps the stored secret when nothing was typed', () => {
    expect(toSecretChange(true, undefined)).toBeUndefined();
    expect(toSecretChange(true, { value: '', clear: false })).toBeUndefined();
  });

  it('sets typed text, even after Clear', () => {
    expect(toSecretChange(false, { value: 'abc', clear: false })).toEqual({
      action: 'set',
      value: 'abc',
    });
    expect(toSecretChange(true, { value: 'abc', clear: true })).toEqual({
      action: 'set',
      value: 'abc',
    });
  });

  it('clears a stored secret only when Clear was pressed and nothing typed', () => {
    expect(toSecretChange(true, { value: '', clear: true })).toEqual({ action: 'clear' });
    expect(toSecretChange(false, { value: '', clear: true })).toBeUndefined();
  });
});
