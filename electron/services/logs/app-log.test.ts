import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_LOG_FILE, APP_LOG_OLD_FILE, openAppLog } from './app-log';
import { REDACTED } from '../base/redact';

const JWT =
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwczovL291dGxvb2sub2ZmaWNlMzY1LmNvbSJ9.c2lnbmF0dXJl';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-log-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const text = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');

describe('openAppLog', () => {
  it('writes one line per event with its time and level, in a file only its owner may read', () => {
    const log = openAppLog(dir, { echoErrors: false });
    log.info('App started: version 1.2.3');
    log.warn('systemSettings.save refused (storage-failed)');
    const lines = text(APP_LOG_FILE).trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^\[\d{4}-\d\d-\d\dT[\d:.]+Z\] \[info\] +App started: version 1\.2\.3$/,
    );
    expect(lines[1]).toMatch(/\[warn\] +systemSettings\.save refused \(storage-failed\)$/);
    if (process.platform !== 'win32') expect(fs.statSync(log.path).mode & 0o777).toBe(0o600);
  });

  it('never writes a password, a client secret, a token or an Authorization header', () => {
    const log = openAppLog(dir, { echoErrors: false });
    log.info('POST /token client_secret=Ab~8Q.secretvalue&grant_type=client_credentials');
    log.info('{"password":"hunter2!","username":"erp@contoso.com"}');
    log.info(`Authorization: Bearer ${JWT}`);
    log.error(`request failed\nauthorization: Basic ZXJwOmh1bnRlcjI=\nx-ms-request-id: 42`);
    log.info(`access_token=${JWT.slice(0, 60)} refresh_token: 0.AAAA-refresh`);
    log.info(`a bare token ${JWT} in a message`);
    const written = text(APP_LOG_FILE);
    for (const secret of [
      'Ab~8Q.secretvalue',
      'hunter2!',
      JWT,
      'eyJ',
      'ZXJwOmh1bnRlcjI=',
      '0.AAAA-refresh',
    ])
      expect(written).not.toContain(secret);
    expect(written).toContain(`client_secret=${REDACTED}&grant_type=client_credentials`);
    expect(written).toContain('"username":"erp@contoso.com"');
    expect(written).toContain('x-ms-request-id: 42');
    expect(written.match(new RegExp(REDACTED, 'g'))?.length).toBeGreaterThanOrEqual(6);
  });

  it('moves a full log to app.old.log and starts a new one, keeping one old file only', () => {
    const log = openAppLog(dir, { maxBytes: 1000, echoErrors: false });
    for (let i = 0; i < 100; i++) log.info(`event ${String(i).padStart(3, '0')} ${'x'.repeat(40)}`);
    expect(fs.readdirSync(dir).sort()).toEqual([APP_LOG_FILE, APP_LOG_OLD_FILE]);
    expect(fs.statSync(path.join(dir, APP_LOG_FILE)).size).toBeLessThanOrEqual(1100);
    expect(fs.statSync(path.join(dir, APP_LOG_OLD_FILE)).size).toBeLessThanOrEqual(1100);
    // The newest events are in the current file, the ones just before in the old one.
    expect(text(APP_LOG_FILE)).toContain('event 099');
    expect(text(APP_LOG_OLD_FILE)).not.toContain('event 000');
  });

  it('answers the log’s end across the rotation, in whole lines', () => {
    const log = openAppLog(dir, { maxBytes: 1000, echoErrors: false });
    for (let i = 0; i < 30; i++) log.info(`event ${String(i).padStart(3, '0')} ${'x'.repeat(40)}`);
    const tail = log.tail(1500);
    const lines = tail.trim().split('\n');
    expect(lines.at(-1)).toContain('event 029');
    expect(lines.every((l) => /^\[\d{4}-.*\] \[info\] +event \d{3} x{40}$/.test(l))).toBe(true);
    expect(Buffer.byteLength(tail)).toBeLessThanOrEqual(1500);
    expect(lines.length).toBeGreaterThan(15);
  });

  it('answers an empty tail before anything was logged', () => {
    expect(openAppLog(dir, { echoErrors: false }).tail()).toBe('');
  });
});
