import { describe, expect, it } from 'vitest';
import {
  defaultNetworkSettings,
  networkSettingsErrors,
  proxyAddressError,
  type NetworkSettings,
} from './network';

const ONLY_HOST_AND_PORT =
  'Enter only a scheme, host and port as the proxy address, e.g. http://proxy.corp.example:8080.';

describe('proxyAddressError', () => {
  it.each([
    'http://proxy.corp.example:8080',
    'https://proxy.corp.example:3128/',
    '  http://10.0.0.1:3128  ',
    'http://[::1]:8080',
  ])('accepts the proxy %s', (address) => {
    expect(proxyAddressError(address)).toBeUndefined();
  });

  it.each([
    'http://wpad.corp.example/wpad.dat',
    'https://config.corp.example/proxy/office.pac',
    'http://config.corp.example:8080/PROXY.PAC',
    'http://config.corp.example/proxy.pac?site=hq',
  ])('accepts the automatic configuration script %s', (address) => {
    expect(proxyAddressError(address)).toBeUndefined();
  });

  it.each([
    ['http://proxy.corp.example:8080/path', ONLY_HOST_AND_PORT],
    ['http://config.corp.example/proxy.js', ONLY_HOST_AND_PORT],
    ['http://config.corp.example/proxy.pac/', ONLY_HOST_AND_PORT],
    ['http://config.corp.example/proxy.pac#x', ONLY_HOST_AND_PORT],
    ['http://proxy.corp.example:8080/?a=1', ONLY_HOST_AND_PORT],
    ['proxy.corp.example:8080', 'Start the proxy address with http:// or https://.'],
    ['socks5://proxy.corp.example:1080', 'Start the proxy address with http:// or https://.'],
    ['ftp://config.corp.example/proxy.pac', 'Start the proxy address with http:// or https://.'],
    ['not a url', 'Enter the proxy as a URL, e.g. http://proxy.corp.example:8080.'],
    [
      'http://ann:secret@proxy.corp.example:8080',
      'Enter the proxy user name and password in their own fields, not in the address.',
    ],
    [
      'http://ann@config.corp.example/proxy.pac',
      'Enter the proxy user name and password in their own fields, not in the address.',
    ],
  ])('refuses %s', (address, message) => {
    expect(proxyAddressError(address)).toBe(message);
  });
});

describe('networkSettingsErrors', () => {
  const manual = (proxyAddress: string): NetworkSettings => ({
    ...defaultNetworkSettings,
    proxy: 'manual',
    proxyAddress,
  });

  it('checks the address only for Manual', () => {
    expect(networkSettingsErrors(defaultNetworkSettings)).toEqual([]);
    expect(
      networkSettingsErrors({ ...defaultNetworkSettings, proxy: 'none', proxyAddress: 'x' }),
    ).toEqual([]);
  });

  it('asks for an address under Manual, and names a wrong one', () => {
    expect(networkSettingsErrors(manual('  '))).toEqual([
      { field: 'proxyAddress', message: 'Enter the proxy address, or choose No proxy.' },
    ]);
    expect(networkSettingsErrors(manual('http://proxy.corp.example:8080/x'))).toEqual([
      { field: 'proxyAddress', message: ONLY_HOST_AND_PORT },
    ]);
    expect(networkSettingsErrors(manual('http://wpad.corp.example/wpad.dat'))).toEqual([]);
  });
});
