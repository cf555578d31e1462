import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();
const importHarness =
  "import { startDovecot } from '../../test-support/services/dovecot';\nexport const start = startDovecot;\n";

async function restrictedImportErrors(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports');
}

describe('the lint rule that keeps test helpers out of the product', () => {
  it.each([
    'electron/services/some-service.ts',
    'electron/main.ts',
    'electron/host/some-host.ts',
    'shared/settings/some-schema.ts',
  ])('fails a production file (%s) that imports test-support/', async (file) => {
    const errors = await restrictedImportErrors(file, importHarness);
    expect(errors.map((e) => e.message).join('\n')).toContain(
      'Production code must not import test doubles or harnesses (test-support/).',
    );
  });

  it('fails a renderer file that imports a renderer test helper', async () => {
    const errors = await restrictedImportErrors(
      'renderer/stores/some-store.ts',
      "import { memoryStorage } from '../../test-support/renderer/memory-storage';\nexport const s = memoryStorage;\n",
    );
    expect(errors).toHaveLength(1);
  });

  it.each([
    'electron/services/some-service.test.ts',
    'e2e/some.spec.ts',
    'bench/some-bench.ts',
    'test-support/services/other-harness.ts',
  ])('lets tests, benchmarks and harnesses (%s) use them', async (file) => {
    expect(await restrictedImportErrors(file, importHarness)).toEqual([]);
  });
});

async function ruleErrors(filePath: string, code: string, ruleId: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === ruleId);
}

describe('the import table of docs/architecture.md, kept by lint', () => {
  const layerErrors = (filePath: string, code: string) =>
    ruleErrors(filePath, code, 'layers/allowed-imports');

  it.each([
    ['electron/services/mail/port-user.ts', "import type { Run } from '../runs/run';"],
    ['electron/services/mail/ews/x.ts', "import { SmtpSender } from '../smtp/smtp-sender';"],
    ['electron/services/network/x.ts', "import { RunFailure } from '../mail/failure';"],
    ['electron/services/keychain/x.ts', "import { openAppLog } from '../logs/app-log';"],
    [
      'electron/demo-tenant/x.ts',
      "import { trustedCertificates } from '../services/network/trust';",
    ],
    ['shared/settings/x.ts', "import { contract } from '../contract';"],
    ['shared/diagnosis/x.ts', "import { systemRows } from '../settings/system-rows';"],
    [
      'renderer/procedures/walkthrough/x.ts',
      "import { RowControl } from '../system-settings/RowControl';",
    ],
    ['renderer/procedures/x.ts', "import { Walkthrough } from './walkthrough/Walkthrough';"],
    ['renderer/components/x.ts', "import { procedureGroups } from '../procedures/registry';"],
    ['renderer/stores/x.ts', "import { SecretField } from '../components/SecretField';"],
    ['renderer/transport/x.ts', "import { useNavigation } from '../stores/navigation';"],
  ])('fails %s importing across a forbidden edge', async (file, code) => {
    const errors = await layerErrors(file, `${code}\nexport const x = 1;\n`);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('See the import table in docs/architecture.md');
  });

  it.each([
    ['electron/services/check/x.ts', "import { SmtpSender } from '../mail/smtp/smtp-sender';"],
    ['electron/services/mail/ews/x.ts', "import { RunFailure } from '../failure';"],
    ['electron/services/runs/x.ts', "import { redactSecrets } from '../base/redact';"],
    ['shared/contract/x.ts', "import { systemRows } from '../settings/system-rows';"],
    [
      'renderer/procedures/walkthrough/x.ts',
      "import { checkRequest } from '../../check/check-request';",
    ],
    ['renderer/procedures/walkthrough/x.ts', "import { ProcedureFrame } from '../ProcedureFrame';"],
    ['renderer/App.tsx', "import { Walkthrough } from './procedures/walkthrough/Walkthrough';"],
  ])('lets %s import along an allowed edge', async (file, code) => {
    expect(await layerErrors(file, `${code}\nexport const x = 1;\n`)).toEqual([]);
  });
});

describe('the network seam, kept by lint', () => {
  const seamErrors = async (filePath: string, code: string) => [
    ...(await ruleErrors(filePath, code, '@typescript-eslint/no-restricted-imports')),
    ...(await ruleErrors(filePath, code, 'no-restricted-syntax')),
  ];

  it.each([
    ['electron/services/mail/smtp/x.ts', "import tls from 'node:tls';\nexport const t = tls;\n"],
    [
      'electron/services/mail/graph/x.ts',
      "import https from 'node:https';\nexport const h = https;\n",
    ],
    ['electron/host/x.ts', "import net from 'net';\nexport const n = net;\n"],
    ['electron/services/tokens/x.ts', "import http from 'node:http';\nexport const h = http;\n"],
    [
      'electron/services/tokens/x.ts',
      "import { Agent } from 'undici';\nexport const a = new Agent();\n",
    ],
    ['electron/services/check/x.ts', 'export const make = (h: any) => new h.Agent({});\n'],
  ])('fails %s opening a connection or building an agent outside network/', async (file, code) => {
    expect((await seamErrors(file, code)).length).toBeGreaterThan(0);
  });

  it.each([
    [
      'electron/services/network/x.ts',
      "import https from 'node:https';\nexport const a = new https.Agent();\n",
    ],
    [
      'electron/services/mail/smtp/x.ts',
      "import type { Socket } from 'node:net';\nexport type S = Socket;\n",
    ],
  ])('lets %s through (network/ itself, or a type only)', async (file, code) => {
    expect(await seamErrors(file, code)).toEqual([]);
  });
});

describe('small pieces, kept by lint', () => {
  it('fails a production function longer than a screen (60 lines)', async () => {
    const body = Array.from({ length: 60 }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const code = `export function long() {\n${body}\n  return v0;\n}\n`;
    const errors = await ruleErrors('electron/services/runs/x.ts', code, 'max-lines-per-function');
    expect(errors).toHaveLength(1);
  });

  it('fails a non-null assertion in production code', async () => {
    const code = 'export const first = (xs: string[]) => xs[0]!;\n';
    const errors = await ruleErrors(
      'renderer/stores/x.ts',
      code,
      '@typescript-eslint/no-non-null-assertion',
    );
    expect(errors).toHaveLength(1);
  });
});
