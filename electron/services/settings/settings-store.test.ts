import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import { defaultIncomingSettings } from '../../../shared/settings/incoming-settings';
import { defaultNetworkSettings } from '../../../shared/settings/network';
import { defaultSystemSettings } from '../../../shared/settings/system-settings';
import { currentSchemaVersion } from './settings-document';
import { openSettingsStore, type BackingFactory } from './settings-store';

let dir: string;
const file = () => path.join(dir, 'settings.json');
const at = new Date('2025-03-04T05:06:07.089Z');
const backupName = 'settings.corrupt-2025-03-04T05-06-07.089Z.json';
const open = (createBacking?: BackingFactory) =>
  openSettingsStore({ dir, now: () => at, createBacking });
const custom = {
  ...defaultSystemSettings,
  port: 587,
  clientId: '11111111-2222-3333-4444-555555555555',
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settings-store-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('openSettingsStore', () => {
  it('gives the defaults and writes nothing when there is no file yet', () => {
    const store = open();
    expect(store.path).toBe(file());
    expect(store.getSystem()).toEqual(defaultSystemSettings);
    expect(store.takeNotices()).toEqual([]);
    expect(fs.existsSync(file())).toBe(false);
  });

  it('writes a versioned file that a second store reads back', () => {
    open().setSystem(custom);
    expect(JSON.parse(fs.readFileSync(file(), 'utf8'))).toEqual({
      schemaVersion: currentSchemaVersion,
      system: custom,
      environment: { name: 'demo', demoPrefilled: false },
    });
    expect(open().getSystem()).toEqual(custom);
  });

  it('starts a new file in Demo with the prefill to do; a file without the section is older', () => {
    expect(open().getEnvironment()).toEqual({ name: 'demo', demoPrefilled: false });
    fs.writeFileSync(file(), JSON.stringify(custom));
    expect(open().getEnvironment()).toEqual({ name: 'demo', demoPrefilled: true });
    open().setEnvironment({ name: 'microsoft365', demoPrefilled: true });
    expect(open().getEnvironment()).toEqual({ name: 'microsoft365', demoPrefilled: true });
  });

  it('migrates a version-1 file on open and writes the new layout with the next save', () => {
    fs.writeFileSync(file(), JSON.stringify(custom));
    const store = open();
    expect(store.getSystem()).toEqual(custom);
    expect(store.takeNotices()).toEqual([]);
    store.setSystem({ ...custom, port: 25 });
    expect(JSON.parse(fs.readFileSync(file(), 'utf8'))).toEqual({
      schemaVersion: currentSchemaVersion,
      system: { ...custom, port: 25 },
    });
  });

  it('refuses to write settings of the wrong shape', () => {
    const store = open();
    expect(() => store.setSystem({ ...custom, port: '25' } as never)).toThrow();
    expect(fs.existsSync(file())).toBe(false);
  });

  it('keeps the walkthrough’s ticks beside the settings, for the next start', () => {
    const store = open();
    expect(store.getWalkthrough()).toEqual({ done: [] });
    store.setSystem(custom);
    store.setWalkthrough({ done: ['password:password:1', 'password:app:4'] });
    expect(() => store.setWalkthrough({ done: ['<script>'] })).toThrow();
    const again = open();
    expect(again.getWalkthrough()).toEqual({ done: ['password:password:1', 'password:app:4'] });
    expect(again.getSystem()).toEqual(custom);
  });

  it('drops a walkthrough section it cannot read, keeping the settings', () => {
    open().setSystem(custom);
    const document = JSON.parse(fs.readFileSync(file(), 'utf8'));
    fs.writeFileSync(file(), JSON.stringify({ ...document, walkthrough: { done: ['<x>'] } }));
    const again = open();
    expect(again.getSystem()).toEqual(custom);
    expect(again.getWalkthrough()).toEqual({ done: [] });
    expect(again.takeNotices()).toEqual([]);
  });

  it('keeps the last Send through and Validate through, and drops a section it cannot read', () => {
    const store = open();
    expect(store.getMailApis()).toEqual({ send: 'ews', validate: 'ews' });
    store.setSystem(custom);
    store.setMailApis({ send: 'graph', validate: 'ews' });
    expect(() => store.setMailApis({ send: 'imap', validate: 'ews' } as never)).toThrow();
    expect(open().getMailApis()).toEqual({ send: 'graph', validate: 'ews' });

    const document = JSON.parse(fs.readFileSync(file(), 'utf8'));
    fs.writeFileSync(file(), JSON.stringify({ ...document, mailApis: { send: 'smtp' } }));
    const again = open();
    expect(again.getMailApis()).toEqual({ send: 'ews', validate: 'ews' });
    expect(again.getSystem()).toEqual(custom);
    expect(again.takeNotices()).toEqual([]);
  });

  it('reads a file from before Network as the defaults, and keeps the Network form once saved', () => {
    open().setSystem(custom);
    const store = open();
    expect(store.getNetwork()).toEqual(defaultNetworkSettings);
    expect(store.takeNotices()).toEqual([]);
    const manual = {
      proxy: 'manual' as const,
      proxyAddress: 'http://proxy.corp.example:8080',
      proxyUser: 'ann',
      noProxyFor: '.corp.example',
    };
    store.setNetwork(manual);
    expect(() => store.setNetwork({ ...manual, proxy: 'pac' } as never)).toThrow();
    const again = open();
    expect(again.getNetwork()).toEqual(manual);
    expect(again.getSystem()).toEqual(custom);
  });

  it('keeps Settings for incoming e-mail beside the others and hands out deep copies', () => {
    expect(open().getIncoming()).toBeUndefined();
    const incoming = {
      ...defaultIncomingSettings,
      clientId: '11111111-2222-3333-4444-555555555555',
      accounts: [
        {
          id: '0b5f3c1e-9d2a-4c47-8e1f-3a6b7c8d9e0f',
          email: 'orders@example.com',
          userName: 'orders@example.com',
          types: ['crm' as const],
          available: { all: false as const, users: ['ANNA'] },
        },
      ],
    };
    const store = open();
    store.setSystem(custom);
    store.setIncoming(incoming);
    expect(open().getIncoming()).toEqual(incoming);
    expect(open().getSystem()).toEqual(custom);
    store.getIncoming()!.accounts[0]!.email = 'changed@example.com';
    expect(store.getIncoming()).toEqual(incoming);
    expect(() => store.setIncoming({ ...incoming, port: '0' } as never)).toThrow();
  });

  it('hands out copies, so a caller cannot change the stored settings by mutation', () => {
    const store = open();
    store.getSystem().port = 1;
    expect(store.getSystem().port).toBe(defaultSystemSettings.port);
  });
});

describe('a file that cannot be used', () => {
  const cases = [
    ['bad JSON', '{"schemaVersion": 2, "system": {', /not valid JSON/],
    [
      'wrong types',
      JSON.stringify({ schemaVersion: currentSchemaVersion, system: { ...custom, useSsl: 'yes' } }),
      /wrong type.*system\.useSsl/,
    ],
    [
      'a future schemaVersion',
      JSON.stringify({ schemaVersion: currentSchemaVersion + 1, system: custom }),
      /newer version of the app/,
    ],
  ] as const;

  it.each(cases)(
    'with %s is moved aside with its bytes, and defaults load',
    (_name, text, reason) => {
      fs.writeFileSync(file(), text);
      const store = open();

      expect(store.getSystem()).toEqual(defaultSystemSettings);
      // Defaults, but not a first run: no Demo prefill over the set-aside settings' keychain.
      expect(store.getEnvironment()).toEqual({ name: 'demo', demoPrefilled: true });
      expect(fs.existsSync(file())).toBe(false);
      expect(fs.readFileSync(path.join(dir, backupName), 'utf8')).toBe(text);

      const notices = store.takeNotices();
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatch(reason);
      expect(notices[0]).toContain(path.join(dir, backupName));
      expect(store.takeNotices()).toEqual([]);
    },
  );

  it('is not touched by the next save: the backup stays and a fresh file is written', () => {
    fs.writeFileSync(file(), 'not json');
    const store = open();
    store.setSystem(custom);
    expect(fs.readFileSync(path.join(dir, backupName), 'utf8')).toBe('not json');
    expect(open().getSystem()).toEqual(custom);
  });

  it('is reported once, not again when the app opens the repaired store later', () => {
    fs.writeFileSync(file(), 'not json');
    open().setSystem(custom);
    expect(open().takeNotices()).toEqual([]);
  });
});

describe('a failing write', () => {
  it('throws storage-failed and keeps the settings it had', () => {
    const failing: BackingFactory = () => ({
      path: file(),
      get store(): Record<string, unknown> {
        return {};
      },
      set store(_value: Record<string, unknown>) {
        throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
      },
    });
    const store = open(failing);
    let thrown: unknown;
    try {
      store.setSystem(custom);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({
      code: 'storage-failed',
      message: expect.stringContaining('ENOSPC'),
    });
    expect(store.getSystem()).toEqual(defaultSystemSettings);
  });
});

describe.runIf(process.platform !== 'win32')('the settings folder, private', () => {
  const mode = (p: string) => fs.statSync(p).mode & 0o777;

  it('is 0700 with its files 0600, even ones an older version left readable', () => {
    fs.chmodSync(dir, 0o755);
    fs.writeFileSync(path.join(dir, 'test-log.jsonl'), '', { mode: 0o644 });
    const store = open();
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.join(dir, 'test-log.jsonl'))).toBe(0o600);

    store.setSystem(custom);
    expect(mode(file())).toBe(0o600);
  });

  it('is made 0700 when it does not exist yet', () => {
    const nested = path.join(dir, 'new', 'settings');
    openSettingsStore({ dir: nested }).setSystem(custom);
    expect(mode(nested)).toBe(0o700);
    expect(mode(path.join(nested, 'settings.json'))).toBe(0o600);
  });
});
