import type { CheckRunInput } from '../../../shared/contract/check';
import { emailMethods, type SystemSettings } from '../../../shared/settings/system-settings';
import type { Environment } from '../../../shared/contract/environment';
import { markFor, type OutgoingMessage } from '../mail/port';
import { credentialsOf } from './check-validation';

export const isoSeconds = (date: Date) => `${date.toISOString().slice(0, 19)}Z`;

/** The settings the method uses, by the names the screen gives them: never a secret. */
function settingsLines(s: SystemSettings, input: CheckRunInput): string[] {
  const server = `Server address: ${s.serverAddress}${s.port > 0 ? `:${s.port}` : ''}`;
  const userName = input.dialog.userName.trim();
  const user =
    credentialsOf(input).used && userName ? [`${credentialsOf(input).userLabel}: ${userName}`] : [];
  switch (s.emailMethod) {
    case 'client':
      return [];
    case 'smtp':
      return [server, `Use SSL: ${s.useSsl ? 'Yes' : 'No'}`, ...user];
    case 'exchange':
      return [server, ...user];
    case 'exchange-online':
      return [
        server,
        `Application (client) ID: ${s.clientId}`,
        `Directory (tenant) ID: ${s.tenantId}`,
        `Authentication flow: ${s.authFlow === 'password' ? 'User name/Password' : 'Client secret'}`,
        ...user,
      ];
  }
}

/** The green icon's message: its subject names the app and the time, its body what was tested. */
export function testMessage(
  appName: string,
  settings: SystemSettings,
  input: CheckRunInput,
  environment: Environment,
  startedAt: Date,
): OutgoingMessage {
  const method = emailMethods.find((m) => m.value === settings.emailMethod)?.label;
  const from = input.dialog.sender.trim();
  const to = input.dialog.recipient.trim();
  const body = [
    `This is a test message from ${appName}: the e-mail settings below work.`,
    '',
    `E-mail method: ${method ?? settings.emailMethod}`,
    ...settingsLines(settings, input),
    `Sender: ${from}`,
    `Recipient: ${to}`,
    `Environment: ${environment === 'demo' ? 'Demo tenant (no mail leaves this computer)' : 'Microsoft 365'}`,
  ].join('\n');
  return {
    from,
    to,
    subject: `${appName}: test message, ${isoSeconds(startedAt)}`,
    body,
    mark: markFor(input.runId, from),
  };
}
