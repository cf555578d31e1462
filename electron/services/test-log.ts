import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  testLogEntrySchema,
  type TestLogEntry,
  type TestLogFilter,
} from '../../shared/contract/test-log';
import type { TestLogService } from './contracts';

export const TEST_LOG_FILE = 'test-log.jsonl';

export type NewTestLogEntry = Omit<TestLogEntry, 'id'>;

export interface TestLog extends TestLogService {
  readonly path: string;
  /** Appends one run; answers the entry with its id. */
  append(entry: NewTestLogEntry): Promise<TestLogEntry>;
}

const matches = (filter: TestLogFilter, entry: TestLogEntry) =>
  filter === 'all' || (filter === 'ok') === entry.ok;

function parseLine(line: string): TestLogEntry | undefined {
  try {
    const parsed = testLogEntrySchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The Test log (list newest first; a damaged line is skipped, the rest still count): one JSON line per run in `<dir>/test-log.jsonl`, next to the settings file.
 * Append-only, so a crash mid-write costs at most the last line. The entry schema holds no field
 * for a secret or a token; callers pass only names, codes and timings.
 */
export function openTestLog(dir: string, now = () => new Date()): TestLog {
  const file = path.join(dir, TEST_LOG_FILE);
  // Appends are chained so that two runs finishing together never interleave their lines.
  let last: Promise<unknown> = Promise.resolve();

  const readAll = async (): Promise<TestLogEntry[]> => {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map(parseLine)
      .filter((entry): entry is TestLogEntry => entry !== undefined);
  };

  // The folder is made only when the file's first append finds it missing, not on every run.
  const appendLine = async (line: string) => {
    try {
      await fs.appendFile(file, line, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await fs.mkdir(dir, { recursive: true });
      await fs.appendFile(file, line, 'utf8');
    }
  };

  const list = async (filter: TestLogFilter) =>
    (await readAll()).filter((e) => matches(filter, e)).reverse();

  return {
    path: file,
    append: (entry) => {
      const full = testLogEntrySchema.parse({ ...entry, id: randomUUID() });
      const write = last.then(async () => {
        await appendLine(`${JSON.stringify(full)}\n`);
        return full;
      });
      last = write.catch(() => {});
      return write;
    },
    list,
    export: async (filter) => ({
      fileName: `test-log-${now().toISOString().slice(0, 19).replaceAll(':', '-')}.json`,
      json: JSON.stringify(await list(filter), null, 2),
    }),
  };
}
