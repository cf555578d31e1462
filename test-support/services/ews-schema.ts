import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCHEMA = fileURLToPath(
  new URL('../../electron/demo-tenant/schema/soap-envelope.xsd', import.meta.url),
);

/**
 * Validates SOAP answers against Exchange Online's messages.xsd/types.xsd (vendored beside the
 * demo tenant) with xmllint: '' when all are valid, else xmllint's report naming file and element.
 */
export function ewsSchemaErrors(answers: { label: string; xml: string }[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'ews-schema-'));
  try {
    const files = answers.map((r, i) => {
      const file = join(dir, `${i}-${r.label.replace(/\W+/g, '_')}.xml`);
      writeFileSync(file, r.xml);
      return file;
    });
    try {
      execFileSync('xmllint', ['--noout', '--schema', SCHEMA, ...files], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      return '';
    } catch (error) {
      const e = error as { stderr?: string; stdout?: string };
      return `${e.stdout ?? ''}${e.stderr ?? ''}`.trim() || String(error);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
