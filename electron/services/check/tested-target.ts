import type { CheckRunInput } from '../../../shared/contract/check';
import { GRAPH_ADDRESS, appAccount, type TestLogEntry } from '../../../shared/contract/test-log';
import { parseWholeNumber } from '../../../shared/settings/validators';
import { defaultSmtpPort } from '../network/route';

/** What a Test tried, as its Test log entry names it. */
export type TestedTarget = Pick<
  TestLogEntry,
  'emailMethod' | 'api' | 'flow' | 'server' | 'account'
>;

const HTTPS_PORT = 443;

/**
 * The E-mail method, Send through, authentication flow, address and account of one Test. A part
 * that does not apply to the method is left out (the Test log says "not used"): only Exchange
 * Online has a Send through and a flow, and Client based signs in nowhere.
 */
export function testedTarget({ form, dialog }: CheckRunInput): TestedTarget {
  const host = form.serverAddress.trim();
  const port = parseWholeNumber(form.port) ?? 0;
  const userName = dialog.userName.trim() || undefined;
  switch (dialog.emailMethod) {
    case 'client':
      return { emailMethod: 'client' };
    case 'smtp':
      return {
        emailMethod: 'smtp',
        server: `${host}:${defaultSmtpPort(port, form.useSsl)}`,
        account: userName,
      };
    case 'exchange':
      return {
        emailMethod: 'exchange',
        server: `${host}:${port || HTTPS_PORT}`,
        account: userName,
      };
    case 'exchange-online': {
      const api = dialog.sendThrough ?? 'ews';
      const account = form.authFlow === 'client-secret' ? appAccount(form.clientId) : userName;
      const server = api === 'graph' ? GRAPH_ADDRESS : `${host}:${port || HTTPS_PORT}`;
      return { emailMethod: 'exchange-online', api, flow: form.authFlow, server, account };
    }
  }
}
