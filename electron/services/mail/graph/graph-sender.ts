import { graphRequest, userPath, type GraphConnection } from './graph-http';
import type { Sender, SendReport } from '../sender';
import { TEST_RUN_HEADER, type OutgoingMessage } from '../port';
import type { StepContext } from '../step-context';
import { GRAPH_HOST } from '../../network/route';
import { MICROSOFT_REQUEST_ID_LABEL } from '../../../../shared/diagnosis/run-ids';

/**
 * The test message through Microsoft Graph: `POST /v1.0/users/{Sender}/sendMail`, answered 202
 * Accepted (taken for delivery, not yet delivered). Same body for both flows; a delegated token
 * needs Mail.Send, an app-only one the application permission Mail.Send.
 */
export class GraphSender implements Sender {
  constructor(private readonly connection: GraphConnection) {}

  async send(message: OutgoingMessage, context: StepContext): Promise<SendReport> {
    context.conceal(this.connection.accessToken);
    const answer = await context.step('graph-send', () =>
      context.retrying(() =>
        graphRequest(
          this.connection,
          'graph-send',
          {
            method: 'POST',
            path: `${userPath(message.from)}/sendMail`,
            body: {
              message: {
                subject: message.subject,
                body: { contentType: 'Text', content: message.body },
                toRecipients: [{ emailAddress: { address: message.to } }],
                // Graph takes custom headers starting X- (at most five) and a client's Message-ID.
                internetMessageId: message.mark.messageId,
                internetMessageHeaders: [{ name: TEST_RUN_HEADER, value: message.mark.runId }],
              },
              saveToSentItems: true,
            },
          },
          202,
          context.signal,
        ),
      ),
    );
    const requestId = answer.headers['request-id'];
    return {
      lines: [
        `Server: ${GRAPH_HOST}:443 (Microsoft Graph over HTTPS)`,
        'Microsoft Graph: HTTP 202 Accepted (taken for delivery)',
        ...(requestId ? [`${MICROSOFT_REQUEST_ID_LABEL}: ${requestId}`] : []),
      ],
      requestId,
    };
  }
}
