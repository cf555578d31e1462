import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import keytar from '@github/keytar';
import { startHost, stopHost, type RunningHost } from '../../e2e/fixtures/host-process';
import { chromiumFlags } from '../../playwright.config';

const IN_SESSION = 'ERP_MAIL_BENCH_IN_SESSION';

/**
 * The host keeps secrets in the OS keychain: like scripts/test.sh, a UI benchmark runs inside a
 * D-Bus session with a throw-away, unlocked GNOME Keyring, never the developer's own. Outside one,
 * this runs `script` again inside one and exits with its status; inside, it checks the build.
 */
export function enterKeyringSession(script: string): void {
  if (!process.env[IN_SESSION]) {
    const child = spawnSync('bash', ['scripts/with-private-keyring.sh', 'npx', 'tsx', script], {
      stdio: 'inherit',
      env: { ...process.env, [IN_SESSION]: '1' },
    });
    process.exit(child.status ?? 1);
  }
  if (!existsSync('dist/host/standalone.js') || !existsSync('dist/renderer/index.html'))
    throw new Error('Build first: npm run build');
}

export const median = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export interface UiSession {
  host: RunningHost;
  browser: Browser;
  /** A page at the host's launch link. */
  page: Page;
}

/**
 * The built browser host on a settings dir and keychain service of its own, and Chromium with a
 * page open on it, for the duration of `work`; then everything is stopped and removed.
 */
export async function withUiSession<T>(
  options: {
    hostEnv?: Record<string, string>;
    /** Writes the settings the host starts from into its (empty) settings dir. */
    prepare?: (settingsDir: string) => void | Promise<void>;
  },
  work: (session: UiSession) => Promise<T>,
): Promise<T> {
  const settingsDir = await mkdtemp(path.join(tmpdir(), 'erp-mail-bench-'));
  const keychainService = `erp-mail-settings-bench-${randomUUID()}`;
  try {
    await options.prepare?.(settingsDir);
    const host = await startHost(settingsDir, keychainService, options.hostEnv ?? {});
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: chromiumFlags,
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(host.url);
      return await work({ host, browser, page });
    } finally {
      await browser.close();
      await stopHost(host);
    }
  } finally {
    for (const { account } of await keytar.findCredentials(keychainService))
      await keytar.deletePassword(keychainService, account);
    await rm(settingsDir, { recursive: true, force: true });
  }
}
