import { sendTestMessage, type EwsConnection } from './ews-client';
import type { SendReport, Sender } from '../sender';
import type { OutgoingMessage } from '../port';
import type { StepContext } from '../step-context';
import { ewsAddress } from '../../network/route';

/**
 * The ERP's own way (FLOWS.md §3, §7): EWS CreateItem with SendAndSaveCopy, with an OAuth token
 * (Exchange Online) or Basic over HTTPS (Exchange on-premises). A 403 right after setup and a
 * 429/503 are retried with a countdown.
 */
export class EwsSender implements Sender {
  constructor(private readonly connection: EwsConnection) {}

  async send(message: OutgoingMessage, context: StepContext): Promise<SendReport> {
    const sent = await context.step('send', () =>
      context.retrying(() => sendTestMessage(this.connection, message, context.signal)),
    );
    return {
      lines: [
        `Server: ${ewsAddress(this.connection.route)} (EWS over HTTPS)`,
        `EWS server version: ${sent.serverVersion ?? 'not reported'}`,
      ],
    };
  }
}
