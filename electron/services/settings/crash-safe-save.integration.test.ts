import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createKeychainVault } from '../keychain/secret-vault';
import { openSettingsStore } from './settings-store';
import { systemSecretAccount } from '../keychain/entry-names';
import { createVersionedVault } from '../keychain/versioned-vault';

/*
 * kill -9 of the app at random moments while it saves a value and a secret together, on the real
 * keychain: after each kill the settings file and the keychain must agree (the old save or the
 * new one, never half of each), and no keychain entry may be left that the file does not name
 * once the start-up sweep has run.
 */

const root = path.join(import.meta.dirname, '..', '..', '..');
const child = path.join(root, 'test-support', 'keychain', 'save-loop.child.ts');
const keychainService = `erp-mail-kill9-${randomUUID()}`;
const inner = createKeychainVault({ service: keychainService });
let dir = '';

afterAll(async () => {
  for (const entry of await inner.accounts('')) await inner.clear(entry);
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Starts the save loop, kills it (SIGKILL) a random 0–6 s after its first save; answers its saves. */
function saveUntilKilled(): Promise<number> {
  return new Promise((resolve, reject) => {
    const loop = spawn(process.execPath, ['--import', 'tsx', child], {
      cwd: root,
      env: {
        ...process.env,
        ERP_MAIL_SETTINGS_DIR: dir,
        ERP_MAIL_KEYCHAIN_SERVICE: keychainService,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    loop.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      timer ??= setTimeout(() => loop.kill('SIGKILL'), Math.random() * 6_000);
    });
    loop.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    loop.on('exit', (_code, signal) =>
      signal === 'SIGKILL'
        ? resolve(out.split('\n').filter((l) => l.startsWith('saved ')).length)
        : reject(new Error(`The save loop ended by itself:\n${err}`)),
    );
  });
}

/** The settings as the next start reads them: Number of days and the password it goes with. */
async function afterRestart() {
  const store = openSettingsStore({ dir });
  const vault = createVersionedVault(inner, store, store.path);
  const swept = await vault.sweep();
  const referenced = Object.values(store.getSecretRefs());
  return {
    days: store.getSystem().backupWarningDays,
    password: await vault.read(systemSecretAccount('exchangePassword')),
    swept,
    leftOver: (await inner.accounts('')).filter((entry) => !referenced.includes(entry)),
  };
}

it('keeps the settings file and the keychain in agreement through kill -9 during 100 saves', async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kill9-'));
  let saves = 0;
  let kills = 0;
  let sweptTotal = 0;
  while (saves < 100 || kills < 10) {
    saves += await saveUntilKilled();
    kills += 1;
    const state = await afterRestart();
    expect(state.password, `after kill ${kills}`).toBe(`pw-${state.days}`);
    expect(state.leftOver, `after kill ${kills}`).toEqual([]);
    sweptTotal += state.swept.length;
  }
  console.info(`${saves} saves, ${kills} kills -9, ${sweptTotal} orphaned entries swept`);
}, 600_000);
