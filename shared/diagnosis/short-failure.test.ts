import { describe, expect, it } from 'vitest';
import { shortFailure } from './short-failure';

describe('shortFailure', () => {
  it('keeps the step and its meaning, and leaves out the host', () => {
    const reason = [
      'Failed: Open mailbox (Microsoft Graph) (graph.microsoft.com, via the demo tenant at 127.0.0.1:41089)',
      'Code: HTTP 404, ErrorInvalidUser',
      'Meaning: The user has no Exchange Online mailbox: no licence.',
      'Fix: Give the user an Exchange Online licence.',
    ].join('\n');
    expect(shortFailure(reason)).toBe(
      'Failed: Open mailbox (Microsoft Graph) — The user has no Exchange Online mailbox: no licence.',
    );
  });

  it('keeps a first line with no host, or one it does not know, as it is', () => {
    expect(shortFailure('Failed: Validate settings\nMeaning: Row 21 is empty.')).toBe(
      'Failed: Validate settings — Row 21 is empty.',
    );
    expect(shortFailure('Cancelled')).toBe('Cancelled');
  });
});
