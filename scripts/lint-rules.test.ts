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
