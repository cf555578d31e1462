import { describe, expect, it } from 'vitest';
import type { CheckRunInput } from '../../../shared/contract/check';
import { testedTarget } from './tested-target';

const input = (
  form: Partial<CheckRunInput['form']>,
  dialog: Partial<CheckRunInput['dialog']>,
): CheckRunInput =>
  ({
    form: {
      serverAddress: 'smtp.contoso.com',
      port: '0',
      useSsl: false,
      authFlow: 'password',
      clientId: 'abc',
      ...form,
    },
    dialog: { emailMethod: 'smtp', userName: 'erp@contoso.com', ...dialog },
  }) as CheckRunInput;

describe('what a Test tried, for its Test log entry', () => {
  it('names SMTP by its address and default port, with no flow or API', () => {
    expect(testedTarget(input({}, {}))).toEqual({
      emailMethod: 'smtp',
      server: 'smtp.contoso.com:587',
      account: 'erp@contoso.com',
    });
  });

  it('names the app, not a user, for a Client secret run through Graph', () => {
    expect(
      testedTarget(
        input(
          { authFlow: 'client-secret' },
          { emailMethod: 'exchange-online', sendThrough: 'graph' },
        ),
      ),
    ).toEqual({
      emailMethod: 'exchange-online',
      api: 'graph',
      flow: 'client-secret',
      server: 'graph.microsoft.com:443',
      account: 'app abc',
    });
  });

  it('says nothing was used for Client based', () => {
    expect(testedTarget(input({}, { emailMethod: 'client' }))).toEqual({ emailMethod: 'client' });
  });
});
