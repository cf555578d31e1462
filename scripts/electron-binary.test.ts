import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { probeElectron } from './electron-binary';

let packageDir: string;
const display = { DISPLAY: ':99' };

beforeEach(async () => {
  packageDir = await mkdtemp(path.join(tmpdir(), 'electron-pkg-'));
});
afterEach(() => rm(packageDir, { recursive: true, force: true }));

const install = async () => {
  await writeFile(path.join(packageDir, 'path.txt'), 'electron');
  await mkdir(path.join(packageDir, 'dist'));
  await writeFile(path.join(packageDir, 'dist', 'electron'), '');
};

describe('probeElectron', () => {
  it('says the binary was not downloaded when path.txt is missing', () => {
    expect(
      probeElectron({ packageDir, env: display, platform: 'linux', runs: () => true }),
    ).toEqual({
      ok: false,
      reason: 'its binary could not be downloaded',
    });
  });

  it('finds an installed binary that runs', async () => {
    await install();
    expect(
      probeElectron({ packageDir, env: display, platform: 'linux', runs: () => true }),
    ).toEqual({
      ok: true,
      path: path.join(packageDir, 'dist', 'electron'),
    });
  });

  it('says so when the binary does not start', async () => {
    await install();
    const found = probeElectron({ packageDir, env: display, platform: 'linux', runs: () => false });
    expect(found).toEqual({ ok: false, reason: 'its binary does not start on this machine' });
  });

  it('needs a display on Linux but not elsewhere', async () => {
    await install();
    expect(probeElectron({ packageDir, env: {}, platform: 'linux', runs: () => true })).toEqual({
      ok: false,
      reason: 'there is no display (DISPLAY is not set)',
    });
    expect(probeElectron({ packageDir, env: {}, platform: 'win32', runs: () => true }).ok).toBe(
      true,
    );
  });

  it('reports what this machine has', () => {
    const found = probeElectron();
    expect(found.ok ? found.path : found.reason).toMatch(/\S/);
  });
});
