import { describe, expect, it } from 'vitest';
import { createDemoCertificates } from '../../demo-tenant/certs';
import { trustContext, trustedCertificates } from './trust';

describe('trustContext', () => {
  it('parses a trust list once per process: the same list gives the same context', () => {
    const store = trustedCertificates();
    expect(trustContext([...store])).toBe(trustContext([...store]));
  });

  it('a list with another certificate gets a context of its own', () => {
    const { caPem } = createDemoCertificates();
    const withDemo = trustContext(trustedCertificates(caPem));
    expect(withDemo).not.toBe(trustContext(trustedCertificates()));
    expect(trustContext(trustedCertificates(caPem))).toBe(withDemo);
  });
});
