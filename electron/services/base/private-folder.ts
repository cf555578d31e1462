import fs from 'node:fs';
import path from 'node:path';

/** Mode of every file the app writes next to its settings: the owner's alone. */
export const PRIVATE_FILE_MODE = 0o600;
const PRIVATE_DIR_MODE = 0o700;

/**
 * Makes the settings folder the owner's alone (0700) and its files too (0600), including ones an
 * older version left readable. Windows has no such modes (its profile folder is private already).
 * A folder the app may not change (another owner's) is left as it is; opening still works.
 */
export function makeFolderPrivate(dir: string): void {
  if (process.platform === 'win32') return;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    fs.chmodSync(dir, PRIVATE_DIR_MODE);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }))
      if (entry.isFile()) fs.chmodSync(path.join(dir, entry.name), PRIVATE_FILE_MODE);
  } catch {
    // EPERM/EROFS: not ours to change; the store reports a folder it cannot write when it writes.
  }
}
