import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCKED_ROW_ID, LOCKED_ROW_PASSWORD } from '../../../test-support/keychain/locked-row';
import { DEMO_PASSWORD } from '../../demo-tenant/seed';
import { KEYCHAIN_LOCKED_MESSAGE } from './secret-vault';

/*
 * The real app on a real GNOME Keyring that the Secret Service locks (as a screen locker does):
 * in a private keyring of its own (scripts/with-private-keyring.sh), so that no other test sees
 * the lock, and in child processes, so that a crash of the native keychain module fails the test
 * with its exit code instead of taking the test runner with it.
 */

const run = promisify(execFile);
const root = path.join(import.meta.dirname, '..', '..', '..');
const child = path.join(root, 'test-support', 'keychain', 'locked-keychain.child.ts');

type Answer = { ok: true; value: Record<string, unknown> } | { ok: false; error: { code: string } };
let dir: string;
let locked: Record<string, Answer>;
let unlocked: Record<string, unknown>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'locked-keychain-test-'));
  const out = path.join(dir, 'answers.json');
  const { ERP_MAIL_PRIVATE_KEYRING: _outer, ...env } = process.env;
  await run(
    'bash',
    [
      path.join(root, 'scripts', 'with-private-keyring.sh'),
      process.execPath,
      '--import',
      'tsx',
      child,
      out,
    ],
    {
      cwd: root,
      timeout: 100_000,
      env: {
        ...env,
        ERP_MAIL_SETTINGS_DIR: path.join(dir, 'settings'),
        ERP_MAIL_KEYCHAIN_SERVICE: `erp-mail-locked-${randomUUID()}`,
      },
    },
  );
  ({ locked, unlocked } = JSON.parse(await readFile(out, 'utf8')) as {
    locked: Record<string, Answer>;
    unlocked: Record<string, unknown>;
  });
}, 120_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

const valueOf = (answer: Answer | undefined) => {
  expect(answer?.ok, JSON.stringify(answer)).toBe(true);
  return (answer as { value: Record<string, unknown> }).value;
};

describe('a keychain locked through the Secret Service', () => {
  it('opens both procedures with the "locked" banner and shows stored secrets as stored', () => {
    const system = valueOf(locked.systemLoad);
    expect(system.notices).toEqual([KEYCHAIN_LOCKED_MESSAGE]);
    // Row 13's password from the Demo setup is there; the SMTP password never was.
    expect(system.secretsSet).toEqual({
      exchangePassword: true,
      smtpPassword: false,
      clientSecret: false,
    });
    const incoming = valueOf(locked.incomingLoad);
    expect(incoming.notices).toEqual([KEYCHAIN_LOCKED_MESSAGE]);
    expect(incoming.secretsSet).toEqual({
      clientSecret: false,
      passwords: { [LOCKED_ROW_ID]: true },
    });
  });

  it('refuses every save that touches the keychain with the "locked" message', () => {
    for (const save of ['systemSaveSecret', 'incomingSaveRows', 'incomingSaveNoRows'])
      expect(locked[save], save).toEqual({
        ok: false,
        error: { code: 'keychain-locked', message: KEYCHAIN_LOCKED_MESSAGE },
      });
    // Values alone need no secret: they are saved, and the banner stays.
    const saved = valueOf(locked.systemSaveValues);
    expect(saved).toMatchObject({ status: 'saved', view: { notices: [KEYCHAIN_LOCKED_MESSAGE] } });
  });

  it('answers Test and Validate with the keychain diagnosis, never "missing"', () => {
    const check = valueOf(locked.check);
    expect(check).toMatchObject({ outcome: 'failed', diagnosisId: 'keychain-locked' });
    expect(check.lines).toContain('Code: keychain: locked');
    expect(JSON.stringify(check.lines)).not.toMatch(/missing|not in the list/i);

    const validate = valueOf(locked.validate);
    expect(validate).toMatchObject({
      outcome: 'done',
      results: [{ id: LOCKED_ROW_ID, ok: false, diagnosisId: 'keychain-locked' }],
    });
  });

  it('loses nothing: unlocked again, every secret and row is there and the demo Test says OK!', () => {
    expect(unlocked.secrets).toEqual(expect.arrayContaining([LOCKED_ROW_PASSWORD, DEMO_PASSWORD]));
    expect(unlocked.rows).toEqual([LOCKED_ROW_ID]);
    expect(valueOf(unlocked.systemLoad as Answer).notices).toEqual([]);
    const check = valueOf(unlocked.check as Answer);
    expect((check.lines as string[])[0]).toBe('OK!');
  });
});
