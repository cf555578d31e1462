import fs from 'node:fs/promises';
import { PRIVATE_FILE_MODE } from '../base/private-folder';

/** What a trim left out, kept next to the log so that an export can say so. */
export interface DroppedRuns {
  /** How many runs were dropped, over every trim so far. */
  runs: number;
  /** The time of the newest run dropped: everything up to it is gone. */
  through: string;
}

const timeOf = (line: string): string => {
  try {
    const time = (JSON.parse(line) as { time?: unknown }).time;
    return typeof time === 'string' ? time : '';
  } catch {
    return '';
  }
};

async function readDropped(file: string): Promise<DroppedRuns | undefined> {
  try {
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<DroppedRuns>;
    return typeof parsed.runs === 'number' && typeof parsed.through === 'string'
      ? { runs: parsed.runs, through: parsed.through }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Writes `text` to `file` atomically: a private temporary file renamed over it. */
async function replaceFile(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, text, { encoding: 'utf8', mode: PRIVATE_FILE_MODE });
  await fs.rename(temporary, file);
}

/**
 * Keeps the newest lines of the log that fit in `keepBytes` and drops the rest, adding them to
 * the count in `droppedFile`. The log is replaced atomically: a crash leaves the old or the new.
 */
export async function trimLog(
  logFile: string,
  droppedFile: string,
  keepBytes: number,
): Promise<{ bytes: number }> {
  const lines = (await fs.readFile(logFile, 'utf8')).split('\n').filter((l) => l.trim() !== '');
  let bytes = 0;
  let first = lines.length;
  while (first > 0) {
    const size = Buffer.byteLength(lines[first - 1] ?? '') + 1;
    if (bytes + size > keepBytes) break;
    bytes += size;
    first -= 1;
  }
  if (first === 0) return { bytes };
  const before = await readDropped(droppedFile);
  const dropped: DroppedRuns = {
    runs: (before?.runs ?? 0) + first,
    through: timeOf(lines[first - 1] ?? '') || (before?.through ?? ''),
  };
  // The count first: a crash between the two writes overstates what was dropped, never hides it.
  await replaceFile(droppedFile, JSON.stringify(dropped));
  await replaceFile(
    logFile,
    lines
      .slice(first)
      .map((l) => `${l}\n`)
      .join(''),
  );
  return { bytes };
}

export { readDropped };
