import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDemoCertificates } from '../../demo-tenant/certs';
import { systemTrust } from './system-store';

const fingerprints = (pems: string[]) => pems.map((pem) => new X509Certificate(pem).fingerprint256);

const dirs: string[] = [];
afterEach(() => {
  vi.unstubAllEnvs();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the system trust store', () => {
  it('holds the certificates of the PEM file SSL_CERT_FILE names, read again when it changes', () => {
    const { caPem } = createDemoCertificates(Date.now(), ['localhost']);
    const ca = new X509Certificate(caPem).fingerprint256;
    expect(fingerprints(systemTrust())).not.toContain(ca);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'system-store-test-'));
    dirs.push(dir);
    const file = path.join(dir, 'company-ca.pem');
    fs.writeFileSync(file, caPem);
    vi.stubEnv('SSL_CERT_FILE', file);
    expect(fingerprints(systemTrust())).toContain(ca);

    vi.unstubAllEnvs();
    expect(fingerprints(systemTrust())).not.toContain(ca);
  });
});
