import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestLog, TEST_LOG_FILE, type NewTestLogEntry } from './test-log';
import { stat } from 'node:fs/promises';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'test-log-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const run = (summary: string, ok: boolean): NewTestLogEntry => ({
  time: new Date().toISOString(),
  environment: 'demo',
  procedure: 'system-settings',
  flow: 'password',
  sender: 'erp@contoso.com',
  recipient: 'dana@contoso.com',
  ok,
  outcome: ok ? 'ok' : 'failed',
  code: ok ? undefined : 'AADSTS50126, invalid_grant, HTTP 400',
  diagnosisId: ok ? undefined : 'wrong-password',
  steps: [{ step: 'token', ms: 12, ok }],
  durationMs: 20,
  summary,
});

describe('the Test log', () => {
  it('appends one JSON line per run next to the settings and lists them newest first', async () => {
    const log = openTestLog(dir);
    const first = await log.append(run('OK!', true));
    await log.append(run('Failed: Acquire token', false));
    await log.append(run('OK! again', true));

    const lines = (await readFile(path.join(dir, TEST_LOG_FILE), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[0]!)).toEqual(first);
    expect((await log.list('all')).map((e) => e.summary)).toEqual([
      'OK! again',
      'Failed: Acquire token',
      'OK!',
    ]);
    expect((await log.list('ok')).map((e) => e.summary)).toEqual(['OK! again', 'OK!']);
    expect((await log.list('failed')).map((e) => e.diagnosisId)).toEqual(['wrong-password']);
  });

  it('updates a run in place: one entry, the later line replacing the earlier', async () => {
    const log = openTestLog(dir);
    const first = await log.append(run('OK!', true));
    await log.append(run('OK! again', true));
    expect(await log.amend(first.id, { delivery: ['No bounce within 60 s'] })).toBe(true);
    expect(
      await log.amend(first.id, { ok: false, outcome: 'failed', summary: 'Failed: Delivery' }),
    ).toBe(true);
    expect(await log.amend('no-such-run', { delivery: [] })).toBe(false);
    const entries = await log.list('all');
    expect(entries.map((e) => e.summary)).toEqual(['OK! again', 'Failed: Delivery']);
    expect(entries[1]).toMatchObject({
      id: first.id,
      ok: false,
      delivery: ['No bounce within 60 s'],
    });
  });

  it('skips a damaged line and keeps the rest', async () => {
    const log = openTestLog(dir);
    await log.append(run('before', true));
    await appendFile(path.join(dir, TEST_LOG_FILE), '{"id": "half a line\n{"unrelated": true}\n');
    await log.append(run('after', false));
    expect((await log.list('all')).map((e) => e.summary)).toEqual(['after', 'before']);
  });

  it('lists nothing before the first run', async () => {
    expect(await openTestLog(dir).list('all')).toEqual([]);
  });

  it('keeps lines whole, in the order written, when runs finish together', async () => {
    const log = openTestLog(dir);
    const summaries = Array.from({ length: 20 }, (_, i) => `run ${i}`);
    const written = await Promise.all(summaries.map((summary) => log.append(run(summary, true))));
    expect(written.map((e) => e.summary)).toEqual(summaries);
    expect((await log.list('all')).map((e) => e.summary)).toEqual([...summaries].reverse());
  });

  it('exports the filtered entries as JSON with a dated file name', async () => {
    const log = openTestLog(dir, () => new Date('2026-11-26T10:20:30Z'));
    await log.append(run('OK!', true));
    await log.append(run('Failed', false));
    const exported = await log.export('failed');
    expect(exported.fileName).toBe('test-log-2026-11-26T10-20-30.json');
    expect(JSON.parse(exported.json)).toEqual({ runs: await log.list('failed') });
  });
});

describe('the Test log, bounded and private', () => {
  it('drops the oldest runs past its size, keeps the newest, and its export says what was dropped', async () => {
    const maxBytes = 8_000;
    const log = openTestLog(dir, () => new Date('2026-11-26T10:20:30Z'), maxBytes);
    const times: string[] = [];
    for (let i = 0; i < 60; i++) {
      const time = new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString();
      times.push(time);
      await log.append({ ...run(`run ${i}`, true), time });
    }
    const file = path.join(dir, TEST_LOG_FILE);
    expect((await stat(file)).size).toBeLessThanOrEqual(maxBytes);

    const kept = await log.list('all');
    expect(kept[0]?.summary).toBe('run 59');
    const { runs, dropped } = JSON.parse((await log.export('all')).json) as {
      runs: unknown[];
      dropped: { runs: number; through: string };
    };
    expect(runs).toHaveLength(kept.length);
    expect(dropped.runs + kept.length).toBe(60);
    expect(dropped.through).toBe(times[dropped.runs - 1]);
  });

  it.runIf(process.platform !== 'win32')('writes its file for the owner alone (0600)', async () => {
    const log = openTestLog(dir);
    await log.append(run('OK!', true));
    expect((await stat(path.join(dir, TEST_LOG_FILE))).mode & 0o777).toBe(0o600);
  });
});
