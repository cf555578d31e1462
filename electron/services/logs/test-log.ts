import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  resultGroup,
  testLogEntrySchema,
  type TestLogChange,
  type TestLogEntry,
  type TestLogFilter,
} from '../../../shared/contract/test-log';

import { PRIVATE_FILE_MODE } from '../base/private-folder';
import { readDropped, trimLog } from './test-log-trim';

/** The Test log as the UI reads it. */
export interface TestLogService {
  list(filter: TestLogFilter): Promise<TestLogEntry[]>;
  export(filter: TestLogFilter): Promise<{ fileName: string; json: string }>;
}

export const TEST_LOG_FILE = 'test-log.jsonl';
/** Where the count of runs a trim dropped is kept, for the export to say. */
export const TEST_LOG_DROPPED_FILE = 'test-log.dropped.json';
/** Past this the oldest runs are dropped, down to half of it (about 4,000 runs are kept). */
export const TEST_LOG_MAX_BYTES = 4 * 1024 * 1024;

export type NewTestLogEntry = Omit<TestLogEntry, 'id'>;

export interface TestLog extends TestLogService {
  readonly path: string;
  /** Appends one run; answers the entry with its id. */
  append(entry: NewTestLogEntry): Promise<TestLogEntry>;
  /**
   * Updates a run's entry (the delivery lines after `OK!`, a bounce's failure): appended as a
   * line with the same id that replaces the earlier where the log is read, so the log stays
   * append-only and the run stays one entry. False when the entry is no longer in the log.
   */
  amend(id: string, change: TestLogChange): Promise<boolean>;
}

const matches = (filter: TestLogFilter, entry: TestLogEntry) =>
  filter === 'all' || filter === resultGroup(entry);

function parseLine(line: string): TestLogEntry | undefined {
  try {
    const parsed = testLogEntrySchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

async function readEntries(file: string): Promise<TestLogEntry[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  // A later line with an id already read is that run's update: it takes the earlier's place.
  const byId = new Map<string, TestLogEntry>();
  for (const line of text.split('\n')) {
    const entry = line.trim() === '' ? undefined : parseLine(line);
    if (entry) byId.set(entry.id, entry);
  }
  return [...byId.values()];
}

// The folder is made only when the file's first append finds it missing, not on every run.
async function appendCreatingFolder(dir: string, file: string, line: string) {
  const options = { encoding: 'utf8', mode: PRIVATE_FILE_MODE } as const;
  try {
    await fs.appendFile(file, line, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    await fs.appendFile(file, line, options);
  }
}

/**
 * One write at a time, so two runs finishing together never interleave their lines; the lines
 * that come meanwhile (a validation's accounts end many at once) go in the next write together.
 * Each line's promise settles once its write has.
 */
function linesInTurn(append: (lines: string) => Promise<void>): (line: string) => Promise<void> {
  let waiting: { line: string; written(error?: unknown): void }[] = [];
  let writing: Promise<void> | undefined;
  const writeWaiting = async () => {
    while (waiting.length > 0) {
      const group = waiting;
      waiting = [];
      const error = await append(group.map((w) => w.line).join('')).then(
        () => undefined,
        (e: unknown) => e ?? new Error('The Test log could not be written'),
      );
      for (const w of group) w.written(error);
    }
    writing = undefined;
  };
  return (line) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ line, written: (error) => (error ? reject(error) : resolve()) });
      writing ??= writeWaiting();
    });
}

/**
 * The Test log (list newest first; a damaged line is skipped, the rest still count): one JSON line per run in `<dir>/test-log.jsonl`, next to the settings file.
 * Append-only, so a crash mid-write costs at most the last line. The entry schema holds no field
 * for a secret or a token; callers pass only names, codes and timings.
 */
export function openTestLog(
  dir: string,
  now = () => new Date(),
  maxBytes = TEST_LOG_MAX_BYTES,
): TestLog {
  const file = path.join(dir, TEST_LOG_FILE);
  const droppedFile = path.join(dir, TEST_LOG_DROPPED_FILE);
  /** The file's size as this process last knew it; read once, then counted. */
  let size: number | undefined;

  const sizeNow = async () =>
    (size ??= await fs.stat(file).then(
      (stat) => stat.size,
      () => 0,
    ));
  // Bounded: past maxBytes the oldest runs go, and the export says how many.
  const appendLine = async (line: string) => {
    const before = await sizeNow();
    await appendCreatingFolder(dir, file, line);
    size = before + Buffer.byteLength(line);
    if (size > maxBytes) size = (await trimLog(file, droppedFile, maxBytes / 2)).bytes;
  };

  const write = linesInTurn(appendLine);
  let amending: Promise<unknown> = Promise.resolve();
  const list = async (filter: TestLogFilter) =>
    (await readEntries(file)).filter((e) => matches(filter, e)).reverse();

  return {
    path: file,
    append: (entry) => {
      const full = testLogEntrySchema.parse({ ...entry, id: randomUUID() });
      return write(`${JSON.stringify(full)}\n`).then(() => full);
    },
    // Amends go one after another, so each reads the one before it.
    amend: (id, change) => {
      const amended = amending.then(async () => {
        const entry = (await readEntries(file)).find((e) => e.id === id);
        if (!entry) return false;
        await write(`${JSON.stringify(testLogEntrySchema.parse({ ...entry, ...change }))}\n`);
        return true;
      });
      amending = amended.catch(() => false);
      return amended;
    },
    list,
    // The runs, and when older ones were dropped to keep the log bounded, how many and until when.
    export: async (filter) => ({
      fileName: `test-log-${now().toISOString().slice(0, 19).replaceAll(':', '-')}.json`,
      json: JSON.stringify(
        { runs: await list(filter), dropped: await readDropped(droppedFile) },
        null,
        2,
      ),
    }),
  };
}
