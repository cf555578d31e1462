import { describe, expect, it } from 'vitest';
import { countPlaywright, countVitest, summaryLine } from './test-summary';

describe('countVitest', () => {
  it('counts passed and failed tests', () => {
    expect(
      countVitest({
        numPassedTests: 5,
        numFailedTests: 2,
        testResults: [
          { status: 'failed', assertionResults: [{ status: 'failed' }, { status: 'failed' }] },
          { status: 'passed', assertionResults: [{ status: 'passed' }] },
        ],
      }),
    ).toEqual({ passed: 5, failed: 2 });
  });

  it('counts a file that failed as a whole (its tests left unrun) as one failure', () => {
    expect(
      countVitest({
        numPassedTests: 0,
        numFailedTests: 0,
        testResults: [{ status: 'failed', assertionResults: [{ status: 'skipped' }] }],
      }),
    ).toEqual({ passed: 0, failed: 1 });
  });
});

describe('countPlaywright', () => {
  it('counts flaky tests as passed and global errors as failures', () => {
    expect(
      countPlaywright({ stats: { expected: 3, unexpected: 1, flaky: 1 }, errors: [{}] }),
    ).toEqual({ passed: 4, failed: 2 });
  });
});

describe('summaryLine', () => {
  it('adds the runners up in the form CI reads', () => {
    expect(
      summaryLine([
        { passed: 40, failed: 1 },
        { passed: 7, failed: 0 },
      ]),
    ).toBe('47 passed, 1 failed');
  });
});
