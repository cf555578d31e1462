import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export type ElectronBinary = { ok: true; path: string } | { ok: false; reason: string };

export interface ProbeOptions {
  /** node_modules/electron; found from this file by default. */
  packageDir?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** Whether the binary runs at all; the real probe starts it as plain Node and asks its version. */
  runs?: (binary: string) => boolean;
}

const runsAsNode = (binary: string) =>
  spawnSync(binary, ['--version'], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: 'ignore',
    timeout: 20_000,
  }).status === 0;

/**
 * Where the Electron binary is, or why it cannot be used. `require('electron')` is avoided on
 * purpose: when the binary is missing it tries to download it, which fails slowly offline.
 */
export function probeElectron(options: ProbeOptions = {}): ElectronBinary {
  const {
    env = process.env,
    platform = process.platform,
    runs = runsAsNode,
    packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json')),
  } = options;
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { ok: false, reason: 'its binary could not be downloaded' };
  }
  const relative = readFileSync(pathFile, 'utf8').trim();
  const binary = path.join(
    env.ELECTRON_OVERRIDE_DIST_PATH || path.join(packageDir, 'dist'),
    relative,
  );
  if (!existsSync(binary)) return { ok: false, reason: `its binary is missing (${binary})` };
  if (!runs(binary)) return { ok: false, reason: 'its binary does not start on this machine' };
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { ok: false, reason: 'there is no display (DISPLAY is not set)' };
  }
  return { ok: true, path: binary };
}

// As a command (start.sh): prints the binary's path and exits 0, or prints the reason and exits 1.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const found = probeElectron();
  console.log(found.ok ? found.path : found.reason);
  process.exit(found.ok ? 0 : 1);
}
