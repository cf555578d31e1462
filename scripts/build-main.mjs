// Bundles the main process, the preload and the browser host with esbuild.
import { build } from 'esbuild';

const common = {
  bundle: true,
  sourcemap: 'linked',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none',
};

await Promise.all([
  // Electron's main process and the browser host load their dependencies from node_modules.
  build({
    ...common,
    entryPoints: {
      'main/main': 'electron/main.ts',
      'host/standalone': 'electron/host/standalone.ts',
    },
    outdir: 'dist',
    format: 'esm',
    platform: 'node',
    packages: 'external',
    external: ['electron'],
  }),
  // A sandboxed preload cannot load modules from disk: everything but electron is bundled in, and
  // the browser platform makes any Node built-in that sneaks in a build error.
  build({
    ...common,
    entryPoints: ['electron/preload.ts'],
    outfile: 'dist/main/preload.cjs',
    format: 'cjs',
    platform: 'browser',
    target: 'chrome140',
    external: ['electron'],
  }),
]);
