import { parseArgs } from 'node:util';

export interface StandaloneArgs {
  port: number;
  settingsDir?: string;
}

export const USAGE = 'Usage: node dist/host/standalone.js [--port N] [--settings-dir DIR]';

/** Reads the browser host's command line; throws with the usage line on anything else. */
export function parseStandaloneArgs(argv: string[]): StandaloneArgs {
  let values: { port?: string; 'settings-dir'?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { port: { type: 'string' }, 'settings-dir': { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`, {
      cause: error,
    });
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!/^\d+$/.test(values.port ?? '0') || port > 65535) {
    throw new Error(`--port must be a number from 0 to 65535.\n${USAGE}`);
  }
  return { port, settingsDir: values['settings-dir'] };
}
