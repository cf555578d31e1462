import { describe, expect, it } from 'vitest';
import { parseStandaloneArgs } from './standalone-args';

describe('browser host arguments', () => {
  it('defaults to a free port and the default settings folder', () => {
    expect(parseStandaloneArgs([])).toEqual({ port: 0, settingsDir: undefined });
  });

  it('reads --port and --settings-dir', () => {
    expect(parseStandaloneArgs(['--port', '8123', '--settings-dir=/tmp/s'])).toEqual({
      port: 8123,
      settingsDir: '/tmp/s',
    });
  });

  it.each([['--port', 'abc'], ['--port', '70000'], ['--port', '-1'], ['--nope'], ['extra']])(
    'refuses %j with the usage line',
    (...argv) => {
      expect(() => parseStandaloneArgs(argv)).toThrow(/Usage: /);
    },
  );
});
