import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { probeElectron } from '../scripts/electron-binary';

const binary = probeElectron();

// The one allowed skip: this machine cannot download the Electron binary. Where it exists (a
// developer's desktop, a CI image with Electron cached) this runs the real app.
test.skip(!binary.ok, `Electron is not available here: ${binary.ok ? '' : binary.reason}`);

test('the Electron app opens System settings over the IPC transport', async () => {
  if (!binary.ok) return;
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
