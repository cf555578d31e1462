import fs from 'node:fs';
import path from 'node:path';
import electronLog from 'electron-log/node';
import { PRIVATE_FILE_MODE, makeFolderPrivate } from '../base/private-folder';
import { redactCredentials } from '../base/redact';

export const APP_LOG_FILE = 'app.log';
/** What the log rotates to: one older file is kept, the one before it is dropped. */
export const APP_LOG_OLD_FILE = 'app.old.log';
/** Past this the log is moved to app.old.log and a new one started. */
export const APP_LOG_MAX_BYTES = 1024 * 1024;
/** How much of the log's end a support bundle carries. */
export const APP_LOG_TAIL_BYTES = 64 * 1024;

/**
 * The app log for support: one line per event, redacted before it is written. Callers pass
 * names, codes and verdicts, never a value a user typed; the redaction is the second guard.
 */
export interface AppLog {
  readonly path: string;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** The newest `maxBytes` of the log (across the rotation), whole lines only. */
  tail(maxBytes?: number): string;
}

export interface AppLogOptions {
  maxBytes?: number;
  /** Errors are echoed to stderr too, where a terminal or Electron's own log sees them. */
  echoErrors?: boolean;
}

const readEnd = (file: string, maxBytes: number): string => {
  let handle: number | undefined;
  try {
    handle = fs.openSync(file, 'r');
    const size = fs.fstatSync(handle).size;
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    fs.readSync(handle, buffer, 0, length, size - length);
    return buffer.toString('utf8');
  } catch {
    return '';
  } finally {
    if (handle !== undefined) fs.closeSync(handle);
  }
};

/**
 * Opens `<dir>/app.log` on electron-log's file transport (its Node entry: the same in Electron's
 * main process and in the browser host), rotated at `maxBytes` to app.old.log, mode 0600.
 */
export function openAppLog(dir: string, options: AppLogOptions = {}): AppLog {
  const { maxBytes = APP_LOG_MAX_BYTES, echoErrors = true } = options;
  // Opened before the settings store: the folder must be private before the first line lands.
  makeFolderPrivate(dir);
  const file = path.join(dir, APP_LOG_FILE);
  const oldFile = path.join(dir, APP_LOG_OLD_FILE);
  const logger = electronLog.create({ logId: `app-log:${file}` });
  logger.transports.console.level = echoErrors ? 'error' : false;
  // Only so electron-log need not find a package.json (absent from a packaged app's path) for
  // paths this log never uses.
  logger.transports.file.setAppName('erp-mail-settings');
  Object.assign(logger.transports.file, {
    resolvePathFn: () => file,
    maxSize: maxBytes,
    format: '[{iso}] [{level}] {text}',
    writeOptions: { flag: 'a', mode: PRIVATE_FILE_MODE, encoding: 'utf8' },
  });
  const line = (text: string) => redactCredentials(text).replaceAll(/\r?\n/g, '\n    ');

  return {
    path: file,
    info: (message) => logger.info(line(message)),
    warn: (message) => logger.warn(line(message)),
    error: (message) => logger.error(line(message)),
    tail: (tailBytes = APP_LOG_TAIL_BYTES) => {
      const current = readEnd(file, tailBytes);
      const older = readEnd(oldFile, tailBytes - Buffer.byteLength(current));
      const text = older + current;
      // The first line may have been cut; it starts after the first newline.
      const cut = Buffer.byteLength(text) >= tailBytes ? text.indexOf('\n') + 1 : 0;
      return redactCredentials(text.slice(cut));
    },
  };
}
