import { describe, expect, it } from 'vitest';
import { networkFaultOf } from './network-fault';

const withCode = (code: string, extra: object = {}) =>
  Object.assign(new Error(`failed: ${code}`), { code }, extra);

describe('networkFaultOf', () => {
  it('maps socket, DNS and timeout codes', () => {
    expect(networkFaultOf(withCode('ENOTFOUND'))).toBe('dns');
    expect(networkFaultOf(withCode('EAI_AGAIN'))).toBe('dns');
    expect(networkFaultOf(withCode('ECONNREFUSED'))).toBe('refused');
    expect(networkFaultOf(withCode('ECONNRESET'))).toBe('reset');
    expect(networkFaultOf(withCode('ETIMEDOUT'))).toBe('timeout');
    expect(networkFaultOf(withCode('GREETING_TIMEOUT'))).toBe('timeout');
  });

  it('maps certificate and TLS protocol errors to tls', () => {
    expect(networkFaultOf(withCode('ERR_TLS_CERT_ALTNAME_INVALID'))).toBe('tls');
    expect(networkFaultOf(withCode('SELF_SIGNED_CERT_IN_CHAIN'))).toBe('tls');
    expect(networkFaultOf(withCode('ERR_SSL_WRONG_VERSION_NUMBER'))).toBe('tls');
  });

  it('looks through wrapping errors', () => {
    expect(networkFaultOf(new Error('outer', { cause: withCode('ECONNREFUSED') }))).toBe('refused');
    expect(networkFaultOf(withCode('NoConnection', { _err: withCode('CERT_HAS_EXPIRED') }))).toBe(
      'tls',
    );
  });

  it('says nothing about errors that are not network faults', () => {
    expect(networkFaultOf(withCode('AUTHENTICATIONFAILED'))).toBeUndefined();
    expect(networkFaultOf(new Error('plain'))).toBeUndefined();
    expect(networkFaultOf('text')).toBeUndefined();
    const loop: { code: string; cause?: unknown } = { code: 'X' };
    loop.cause = loop;
    expect(networkFaultOf(loop)).toBeUndefined();
  });
});
