import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../../test-support/renderer/memory-storage';
import { createMailApiChoiceStore } from './mail-api-choice';

describe('the Send through / Validate through choice', () => {
  it('starts with EWS and remembers each choice across stores on the same storage', () => {
    const storage = memoryStorage();
    const first = createMailApiChoiceStore(storage);
    expect(first.getState()).toMatchObject({ send: 'ews', validate: 'ews' });
    first.getState().choose('send', 'graph');
    const second = createMailApiChoiceStore(storage);
    expect(second.getState()).toMatchObject({ send: 'graph', validate: 'ews' });
  });

  it('ignores a damaged or foreign stored value', () => {
    const storage = memoryStorage({ 'erp-mail-settings.mail-api': '{"send":"smtp","validate":1' });
    expect(createMailApiChoiceStore(storage).getState()).toMatchObject({ send: 'ews' });
    const foreign = memoryStorage({ 'erp-mail-settings.mail-api': '{"send":"imap"}' });
    expect(createMailApiChoiceStore(foreign).getState().send).toBe('ews');
  });
});
