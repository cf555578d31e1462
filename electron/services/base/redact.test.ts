import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redact';

describe('redactSecrets', () => {
  it('cuts every occurrence of each secret out of a text', () => {
    expect(redactSecrets('pw=hunter2; again hunter2; token eyJabc', ['hunter2', 'eyJabc'])).toBe(
      'pw=••••; again ••••; token ••••',
    );
  });

  it('leaves the text alone for an empty secret', () => {
    expect(redactSecrets('nothing to hide', ['', ''])).toBe('nothing to hide');
  });
});
