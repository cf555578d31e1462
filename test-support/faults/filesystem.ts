import { execFile } from 'node:child_process';
import { open, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

/*
 * Real file-system faults for the fault matrix. As root, chmod does not stop a write, so the
 * folder is made read-only by a read-only bind mount, and "disk full" is a tiny tmpfs filled up.
 * Both need mount(8) and CAP_SYS_ADMIN (root on a Linux machine or CI container).
 */

const run = promisify(execFile);

export const canMount = (): boolean =>
  process.platform === 'linux' && typeof process.getuid === 'function' && process.getuid() === 0;

/** Makes `dir` read-only where it is (the files stay, every write fails with EROFS). */
export async function mountReadOnly(dir: string): Promise<void> {
  await run('mount', ['--bind', dir, dir]);
  await run('mount', ['-o', 'remount,bind,ro', dir]);
}

/** Mounts an empty tmpfs of `bytes` on `dir`. */
export async function mountTiny(dir: string, bytes: number): Promise<void> {
  await run('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0700`, 'tmpfs', dir]);
}

export async function unmount(dir: string): Promise<void> {
  await run('umount', [dir]);
}

const FILLER = 'filler.bin';

/** Writes into `dir` until the file system answers ENOSPC. */
export async function fillUp(dir: string): Promise<void> {
  const file = await open(path.join(dir, FILLER), 'w');
  const block = Buffer.alloc(4096, 0x2e);
  try {
    for (;;) await file.write(block);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    await file.close().catch(() => {});
  }
}

/** Frees what fillUp took. */
export const makeRoom = (dir: string) => rm(path.join(dir, FILLER), { force: true });
