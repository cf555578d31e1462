import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../shared/contract/client';
import { testHandlers } from '../../test-support/host/test-doubles';
import { createMailApiChoiceStore, type MailApiChoiceApi } from './mail-api-choice';

/** The store over the real handler table, whose choice is kept in memory for the test. */
function hostApi(): MailApiChoiceApi {
  const handlers = testHandlers();
  return { 'mailApis.get': handlers['mailApis.get'], 'mailApis.set': handlers['mailApis.set'] };
}

const refused = (message: string) => () =>
  Promise.reject(new ApiError({ code: 'storage-failed', message }));

describe('the Send through / Validate through choice', () => {
  it('starts with EWS, keeps each choice through the host, and a new page reads it', async () => {
    const api = hostApi();
    const first = createMailApiChoiceStore(api);
    expect(first.getState()).toMatchObject({ send: 'ews', validate: 'ews' });
    await first.getState().load();
    first.getState().choose('send', 'graph');
    await vi.waitFor(async () =>
      expect(await api['mailApis.get']({})).toEqual({ send: 'graph', validate: 'ews' }),
    );
    const second = createMailApiChoiceStore(api);
    await second.getState().load();
    expect(second.getState()).toMatchObject({ send: 'graph', validate: 'ews' });
  });

  it('reads once, and a choice made while the read is on its way is not undone by it', async () => {
    const api = hostApi();
    await api['mailApis.set']({ send: 'ews', validate: 'graph' });
    const get = vi.fn(api['mailApis.get']);
    const store = createMailApiChoiceStore({ ...api, 'mailApis.get': get });
    const reading = store.getState().load();
    store.getState().choose('send', 'graph');
    await Promise.all([reading, store.getState().load()]);
    expect(get).toHaveBeenCalledOnce();
    expect(store.getState()).toMatchObject({ send: 'graph', validate: 'ews' });
    await vi.waitFor(async () =>
      expect(await api['mailApis.get']({})).toEqual({ send: 'graph', validate: 'ews' }),
    );
  });

  it('says when the choice could not be read or kept, and clears that once it is', async () => {
    const api = hostApi();
    await api['mailApis.set']({ send: 'graph', validate: 'graph' });
    const get = vi.fn<MailApiChoiceApi['mailApis.get']>(refused('The app cannot be reached.'));
    const unread = createMailApiChoiceStore({ ...api, 'mailApis.get': get });
    await unread.getState().load();
    expect(unread.getState()).toMatchObject({ send: 'ews', error: 'The app cannot be reached.' });
    get.mockImplementation(api['mailApis.get']);
    await unread.getState().load();
    expect(unread.getState()).toMatchObject({ send: 'graph', validate: 'graph', error: undefined });

    const set = vi.fn<MailApiChoiceApi['mailApis.set']>(
      refused('The settings could not be written (ENOSPC).'),
    );
    const store = createMailApiChoiceStore({ ...api, 'mailApis.set': set });
    store.getState().choose('validate', 'graph');
    await vi.waitFor(() =>
      expect(store.getState().error).toBe('The settings could not be written (ENOSPC).'),
    );
    expect(store.getState().validate).toBe('graph');
    set.mockImplementation(api['mailApis.set']);
    store.getState().choose('send', 'graph');
    await vi.waitFor(() => expect(store.getState().error).toBeUndefined());
  });
});
