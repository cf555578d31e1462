import { describe, expect, it, vi } from 'vitest';
import { takeLaunchToken } from './launch-token';
import { memoryStorage } from '../../test-support/renderer/memory-storage';

const place = (hash: string) => ({ hash, pathname: '/', search: '' }) as Location;

describe('takeLaunchToken', () => {
  it('moves the token from the fragment to session storage and out of the address bar', () => {
    const history = { state: null, replaceState: vi.fn() } as unknown as History;
    const storage = memoryStorage();
    expect(takeLaunchToken(place('#token=Ab_c-9'), history, storage)).toBe('Ab_c-9');
    expect(history.replaceState).toHaveBeenCalledWith(null, '', '/');
    expect(storage.getItem('erp-mail-settings.token')).toBe('Ab_c-9');
  });

  it('keeps using the stored token after a reload without the fragment', () => {
    const history = { state: null, replaceState: vi.fn() } as unknown as History;
    const storage = memoryStorage();
    takeLaunchToken(place('#token=first'), history, storage);
    expect(takeLaunchToken(place(''), history, storage)).toBe('first');
    expect(history.replaceState).toHaveBeenCalledOnce();
  });

  it('has no token when the page was opened without the printed link', () => {
    const history = { state: null, replaceState: vi.fn() } as unknown as History;
    expect(takeLaunchToken(place(''), history, memoryStorage())).toBeUndefined();
  });
});
