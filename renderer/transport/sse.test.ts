import { describe, expect, it } from 'vitest';
import { createSseParser } from './sse';

describe('createSseParser', () => {
  it('returns complete messages with their event names and data', () => {
    const parse = createSseParser();
    expect(parse('event: progress\ndata: {"step":1}\n\ndata: plain\n\n')).toEqual([
      { event: 'progress', data: '{"step":1}' },
      { event: 'message', data: 'plain' },
    ]);
  });

  it('keeps a message split across chunks until it is complete', () => {
    const parse = createSseParser();
    expect(parse('event: progress\nda')).toEqual([]);
    expect(parse('ta: {"step":2}\r\n\r\n')).toEqual([{ event: 'progress', data: '{"step":2}' }]);
  });

  it('ignores comments (keep-alives) and joins multi-line data', () => {
    const parse = createSseParser();
    expect(parse(': ping\n\ndata: a\ndata: b\n\n')).toEqual([{ event: 'message', data: 'a\nb' }]);
  });
});
