import { describe, expect, it } from 'vitest';
import { secretServiceLock, type RunProgram } from './keychain-lock';

const LOGIN = '/org/freedesktop/secrets/collection/login';

/** gdbus as the Secret Service would answer it: the default collection and one search. */
const gdbus = (answers: { defaultLocked: boolean | Error; search: string | Error }) => {
  const calls: string[][] = [];
  const run: RunProgram = async (file, args) => {
    calls.push([file, ...args]);
    const answer = args.includes('Locked')
      ? answers.defaultLocked instanceof Error
        ? answers.defaultLocked
        : `(<${answers.defaultLocked}>,)\n`
      : answers.search;
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { run, calls };
};

describe('secretServiceLock', () => {
  it.each([
    ['open, nothing stored', false, '(@ao [], @ao [])', false],
    ['open, entries unlocked', false, `([objectpath '${LOGIN}/1'], @ao [])`, false],
    ['default collection locked', true, '(@ao [], @ao [])', true],
    ['an entry of ours in a locked collection', false, `(@ao [], [objectpath '/x/y/1'])`, false],
    ['an entry of ours locked', false, `(@ao [], [objectpath '${LOGIN}/2'])`, true],
  ])('%s', async (_name, defaultLocked, search, locked) => {
    const { run } = gdbus({ defaultLocked, search });
    expect(await secretServiceLock('svc', run).isLocked()).toBe(locked);
  });

  it('reads "not locked" when D-Bus or gdbus is missing, so keytar names the cause', async () => {
    const missing = new Error('spawn gdbus ENOENT');
    const { run } = gdbus({ defaultLocked: missing, search: missing });
    expect(await secretServiceLock('svc', run).isLocked()).toBe(false);
  });

  it('knows whether an entry is stored from its attributes, quoting them for gdbus', async () => {
    const { run, calls } = gdbus({
      defaultLocked: true,
      search: `(@ao [], [objectpath '${LOGIN}/3'])`,
    });
    expect(await secretServiceLock("Bob's app", run).isStored('system.clientSecret')).toBe(true);
    expect(calls[0]?.at(-1)).toBe("{'service': 'Bob\\'s app', 'account': 'system.clientSecret'}");
  });

  it('asks secret-tool to unlock, discarding what it prints, and settles when it fails', async () => {
    const seen: { file: string; discard?: boolean }[] = [];
    const run: RunProgram = async (file, _args, options) => {
      seen.push({ file, discard: options.discard });
      throw new Error('dismissed');
    };
    await expect(secretServiceLock('svc', run).unlock()).resolves.toBeUndefined();
    expect(seen).toEqual([{ file: 'secret-tool', discard: true }]);
  });
});
