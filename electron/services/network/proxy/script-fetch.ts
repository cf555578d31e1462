import http from 'node:http';
import https from 'node:https';
import { systemTrust } from '../system-store';

/** The most of an automatic configuration script read; real ones are a few kB. */
const MAX_SCRIPT_BYTES = 1024 * 1024;

/**
 * Fetches an automatic configuration script directly (a proxy is what it is to decide), over
 * HTTPS verified against the OS store, bounded by `timeoutMs`.
 */
export function fetchScript(url: string, timeoutMs: number): Promise<string> {
  const client = new URL(url).protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.get(url, { ca: systemTrust(), timeout: timeoutMs }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return reject(new Error(`it answered HTTP ${res.statusCode ?? 0}`));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_SCRIPT_BYTES) req.destroy(new Error('the script is larger than 1 MB'));
        else chunks.push(chunk);
      });
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.on('error', reject);
  });
}
