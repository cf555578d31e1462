import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DemoTenant, DemoTenantOperations } from '../../electron/demo-tenant/index';
import { demoSeedIds } from '../../electron/demo-tenant/seed';
import {
  createDemoControlClient,
  type DemoControlClient,
} from '../../test-support/demo-tenant/control-client';

const START_TIMEOUT_MS = 30_000;

export interface TenantProcess {
  /** The tenant as the app's environment takes it; `state` is a stand-in, use `control`. */
  tenant: DemoTenant;
  control: DemoControlClient;
  stop(): Promise<void>;
}

const field = (output: string, label: string): string => {
  const match = new RegExp(`^${label}\\s+(\\S+)`, 'm').exec(output);
  if (!match?.[1]) throw new Error(`The demo tenant did not print ${label}\n${output}`);
  return match[1];
};

/**
 * The demo tenant in a process of its own (`electron/demo-tenant/cli.ts`), as Microsoft's
 * servers are: its work does not share the app's event loop, so a benchmark times the app.
 */
export async function startTenantProcess(): Promise<TenantProcess> {
  const dir = mkdtempSync(path.join(tmpdir(), 'erp-mail-bench-tenant-'));
  const caFile = path.join(dir, 'ca.pem');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/demo-tenant/cli.ts', '--ca-file', caFile],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!output.includes('Press Ctrl+C to stop.')) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`The demo tenant did not start\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const origin = field(output, 'Origin');
  const [control, token] = /^Control API\s+(\S+)\s+\(Authorization: Bearer (\S+)\)/m
    .exec(output)
    ?.slice(1) ?? ['', ''];
  const caPem = readFileSync(caFile, 'utf8');
  const port = Number(new URL(origin).port);
  const [smtpHost, smtpPort] = field(output, 'SMTP \\(STARTTLS\\)').split(':');
  const tenant: DemoTenant = {
    origin,
    authorityFor: (t) => `${origin}/${t}`,
    knownAuthority: new URL(origin).host,
    ewsUrl: field(output, 'EWS'),
    onPremEwsUrl: field(output, 'EWS \\(on-premises\\)'),
    graphUrl: origin,
    smtp: {
      host: smtpHost ?? '127.0.0.1',
      starttlsPort: Number(smtpPort),
      implicitTlsPort: Number(field(output, 'SMTP \\(implicit TLS\\)').split(':')[1]),
    },
    httpsPort: port,
    // The benchmark reaches no Microsoft port that serves nothing.
    unservedPort: 0,
    caPem,
    control: { url: control ?? '', token: token ?? '' },
    state: {} as DemoTenantOperations,
    seed: demoSeedIds(),
    close: async () => {},
  };
  return {
    tenant,
    control: createDemoControlClient({ url: control ?? '', token: token ?? '', caPem }),
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
