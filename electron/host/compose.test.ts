import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemorySecretVault } from '../../test-support/services/memory-secret-vault';
import { composeApp } from './compose';
import { createDispatch } from './dispatch';
import { sampleInputs } from '../../test-support/host/test-doubles';

let settingsDir: string;

beforeEach(async () => {
  settingsDir = await mkdtemp(path.join(tmpdir(), 'compose-'));
});
afterEach(() => rm(settingsDir, { recursive: true, force: true }));

describe('composeApp', () => {
  it('wires the real settings store and System settings service behind the handler table', async () => {
    const vault = createMemorySecretVault();
    const app = composeApp({ settingsDir, keychainService: 'unused', transport: 'browser', vault });
    const dispatch = createDispatch(app.handlers);

    const info = await dispatch('app.info', {});
    expect(info).toMatchObject({
      ok: true,
      value: {
        name: 'ERP Mail Settings',
        transport: 'browser',
        settingsFile: path.join(settingsDir, 'settings.json'),
      },
    });

    const save = await dispatch('systemSettings.save', {
      ...sampleInputs['systemSettings.save'],
      form: {
        ...sampleInputs['systemSettings.save'].form,
        clientId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
        tenantId: 'contoso.onmicrosoft.com',
      },
    });
    expect(save).toMatchObject({ ok: true, value: { status: 'saved' } });
    // Under a versioned entry that the settings file names (versioned-vault.ts).
    const [entry] = await vault.accounts('system.clientSecret~v');
    expect(await vault.read(entry ?? '')).toBe(
      sampleInputs['systemSettings.save'].secrets.clientSecret.value,
    );

    const file = await readFile(path.join(settingsDir, 'settings.json'), 'utf8');
    expect(file).toContain('mail.example.com');
    expect(file).not.toContain(sampleInputs['systemSettings.save'].secrets.clientSecret.value);
  });
});
