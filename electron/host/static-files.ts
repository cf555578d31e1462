import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticResponse {
  status: 200 | 403 | 404 | 503;
  contentType: string;
  body: Buffer | string;
}

const text = (status: StaticResponse['status'], body: string): StaticResponse => ({
  status,
  contentType: 'text/plain; charset=utf-8',
  body,
});

export const UI_NOT_BUILT =
  'The user interface is not built yet. Run `npm run build` (or `npm start`), then reload.';

const isFile = async (file: string) => {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
};

const serve = async (file: string): Promise<StaticResponse> => ({
  status: 200,
  contentType: contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
  body: await readFile(file),
});

/**
 * The built renderer's file for a URL path. Anything that would resolve outside `root` is refused;
 * a path without a file extension is a client-side route and gets index.html.
 */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticResponse> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return text(403, 'Forbidden');
  }
  const base = path.resolve(root);
  const file = path.resolve(base, `.${path.posix.normalize(`/${decoded}`)}`);
  const escapes =
    decoded.includes('\0') ||
    decoded.split(/[\\/]/).includes('..') ||
    (file !== base && !file.startsWith(base + path.sep));
  if (escapes) return text(403, 'Forbidden');

  const index = path.join(base, 'index.html');
  if (!(await isFile(index))) return text(503, UI_NOT_BUILT);
  if (file !== base && (await isFile(file))) return serve(file);
  if (path.extname(file) === '') return serve(index);
  return text(404, 'Not found');
}
