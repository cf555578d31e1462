import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * Adds up the JSON reports of vitest and playwright into the one line `npm test` ends with.
 * A file that failed as a whole (an import error, a failing beforeAll) counts as one failure, and
 * so does a report that is missing although its runner was started: a run that crashed must
 * never read as "0 failed".
 */

export interface Counts {
  passed: number;
  failed: number;
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  testResults: { status: string; assertionResults: { status: string }[] }[];
}

interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number };
  errors?: unknown[];
}

export function countVitest(report: VitestReport): Counts {
  const failedFilesWithoutFailedTest = report.testResults.filter(
    (file) =>
      file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
  ).length;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + failedFilesWithoutFailedTest,
  };
}

export function countPlaywright(report: PlaywrightReport): Counts {
  return {
    passed: report.stats.expected + report.stats.flaky,
    failed: report.stats.unexpected + (report.errors?.length ?? 0),
  };
}

const readCounts = <T>(file: string, count: (report: T) => Counts): Counts => {
  try {
    return count(JSON.parse(fs.readFileSync(file, 'utf8')) as T);
  } catch {
    console.error(`No usable test report at ${file}; counting it as one failure.`);
    return { passed: 0, failed: 1 };
  }
};

export const summaryLine = (all: Counts[]): string => {
  const total = all.reduce(
    (sum, c) => ({ passed: sum.passed + c.passed, failed: sum.failed + c.failed }),
    {
      passed: 0,
      failed: 0,
    },
  );
  return `${total.passed} passed, ${total.failed} failed`;
};

/** Usage: tsx scripts/test-summary.ts --vitest <file> [--playwright <file>] */
function main(args: string[]) {
  const counts: Counts[] = [];
  for (let i = 0; i < args.length; i += 2) {
    const [flag, file = ''] = [args[i], args[i + 1]];
    if (flag === '--vitest') counts.push(readCounts(file, countVitest));
    else if (flag === '--playwright') counts.push(readCounts(file, countPlaywright));
    else throw new Error(`Unknown argument ${flag}`);
  }
  console.log(summaryLine(counts));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  main(process.argv.slice(2));
