import { describe, expect, it } from 'vitest';
import { createProxyResolver } from '../services/network/proxy/proxy-resolver';
import { routeText } from '../services/network/proxy/proxy-choice';
import { defaultNetworkSettings } from '../../shared/settings/network';
import { electronSystemProxy } from './system-proxy';

/** Electron's session as main.ts hands it over, answering what a company's PAC would. */
const session = (answers: Record<string, string>) => ({
  asked: [] as string[],
  async resolveProxy(url: string) {
    this.asked.push(url);
    const answer = answers[new URL(url).hostname];
    if (answer === undefined) throw new Error('net::ERR_PAC_SCRIPT_FAILED');
    return answer;
  },
});

const resolverOver = (electron: ReturnType<typeof session>) =>
  createProxyResolver({
    appSetting: async () => ({ ...defaultNetworkSettings, password: async () => undefined }),
    system: electronSystemProxy(electron),
    fetchScript: async () => '',
  });

describe('the system proxy in Electron', () => {
  it("asks Chromium per URL and follows its answer's first usable entry", async () => {
    const electron = session({
      'login.microsoftonline.com': 'PROXY proxy.corp:8080; DIRECT',
      'smtp.office365.com': 'DIRECT',
    });
    const resolve = resolverOver(electron);
    expect(routeText(await resolve('login.microsoftonline.com', 443))).toBe(
      'via proxy.corp:8080, from the system settings',
    );
    expect(routeText(await resolve('smtp.office365.com', 587))).toBe('direct');
    expect(electron.asked).toEqual([
      'https://login.microsoftonline.com:443/',
      'https://smtp.office365.com:587/',
    ]);
  });

  it('a resolution that fails goes direct, as Chromium does', async () => {
    const resolve = resolverOver(session({}));
    expect(await resolve('graph.microsoft.com', 443)).toMatchObject({ kind: 'direct' });
  });
});
