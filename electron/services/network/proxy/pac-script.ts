import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createPacResolver, type FindProxyForURL } from 'pac-resolver';
import { QuickJS } from 'quickjs-wasi';
import { ProxyError } from './proxy-error';

/** A script is fetched again after this long, as browsers refresh a PAC file. */
const SCRIPT_LIFETIME_MS = 5 * 60_000;

const scripts = new Map<string, { find: Promise<FindProxyForURL>; at: number }>();
let engine: Promise<QuickJS> | undefined;

/** pac-resolver runs the script in QuickJS (WebAssembly), never in the app's own JavaScript. */
function quickJs(): Promise<QuickJS> {
  engine ??= readFile(createRequire(import.meta.url).resolve('quickjs-wasi/quickjs.wasm')).then(
    (wasm) => QuickJS.create({ wasm }),
  );
  return engine;
}

const pacFault = (script: string, target: string, detail: string) =>
  new ProxyError({ kind: 'pac', proxy: script, source: "the app's setting", target }, detail);

async function load(script: string, fetchScript: (url: string) => Promise<string>) {
  const text = await fetchScript(script);
  return createPacResolver(await quickJs(), text);
}

/**
 * FindProxyForURL's answer for `url` from the automatic configuration script at `script`; a
 * script that cannot be fetched or run is a ProxyError of kind `pac` naming it.
 */
export async function pacAnswer(
  script: string,
  url: string,
  fetchScript: (url: string) => Promise<string>,
): Promise<string> {
  // `host:port` as every ProxyFault names its target (URL's host drops a default port).
  const { hostname, port, protocol } = new URL(url);
  const target = `${hostname}:${port || (protocol === 'https:' ? 443 : 80)}`;
  let known = scripts.get(script);
  if (!known || Date.now() - known.at > SCRIPT_LIFETIME_MS) {
    known = { find: load(script, fetchScript), at: Date.now() };
    scripts.set(script, known);
    // A failed fetch is not kept: the next connection tries the script again.
    known.find.catch(() => scripts.delete(script));
  }
  let find: FindProxyForURL;
  try {
    find = await known.find;
  } catch (error) {
    throw pacFault(script, target, error instanceof Error ? error.message : String(error));
  }
  try {
    return await find(url);
  } catch (error) {
    throw pacFault(
      script,
      target,
      `the script failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
