import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { probeElectron } from '../scripts/electron-binary';

// playwright.config.ts runs this spec (the `electron` project) only where the binary exists: a
// developer's desktop, a CI image with Electron cached. This machine cannot download it.
test('the Electron app opens System settings over the IPC transport', async () => {
  const binary = probeElectron();
  if (!binary.ok) throw new Error(`Electron is not available: ${binary.reason}`);
  const settingsDir = await mkdtemp(path.join(tmpdir(), 'erp-mail-electron-'));
  // Chromium refuses to start as root with its OS sandbox; the page sandbox stays on either way.
  const rootOnly = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const app = await electron.launch({
    executablePath: binary.path,
    args: [...rootOnly, '.'],
    env: {
      ...process.env,
      ERP_MAIL_SETTINGS_DIR: settingsDir,
      ERP_MAIL_KEYCHAIN_SERVICE: `erp-mail-e2e-${randomUUID()}`,
    },
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { name: 'System settings' })).toBeVisible();
    expect(window.url()).toBe('app://erp-mail/index.html');
    expect(await window.evaluate(() => Object.keys(Reflect.get(window, 'erpMail') ?? {}))).toEqual([
      'invoke',
      'on',
    ]);
  } finally {
    await app.close();
    await rm(settingsDir, { recursive: true, force: true });
  }
});
