import type { SendReport, Sender } from '../sender';
import type { OutgoingMessage } from '../port';
import type { StepContext } from '../step-context';

/** Opens a link in the system's handler for it; the Electron shell passes shell.openExternal. */
export type OpenExternal = (url: string) => Promise<void>;

/**
 * RFC 6068: the recipient as the path, subject and body as query fields, everything percent-
 * encoded (spaces as %20, line breaks as %0D%0A) so every mail client reads it the same way.
 */
export function mailtoOf(message: OutgoingMessage): string {
  const field = (text: string) => encodeURIComponent(text.replace(/\r?\n/g, '\r\n'));
  const body = message.from ? `Sender: ${message.from}\n\n${message.body}` : message.body;
  return `mailto:${encodeURIComponent(message.to).replace(/%40/g, '@')}?subject=${field(message.subject)}&body=${field(body)}`;
}

/**
 * Client based (e.g. Outlook): the ERP hands the message to the workstation's mail client, so the
 * test composes it there and the user sends it. Nothing else can be checked from here.
 */
export class MailClientSender implements Sender {
  /** The composed message as a mailto: link, once `send` has run. */
  mailto?: string;

  constructor(private readonly open?: OpenExternal) {}

  async send(message: OutgoingMessage, context: StepContext): Promise<SendReport> {
    const mailto = mailtoOf(message);
    this.mailto = mailto;
    const opened = await context.step('compose', async () => {
      if (!this.open) return false;
      await this.open(mailto);
      return true;
    });
    return {
      lines: [
        opened
          ? 'The test message was opened in your default mail client. Send it from there.'
          : 'Open the test message in your default mail client with the link below, and send it from there.',
        `To: ${message.to}`,
        `Subject: ${message.subject}`,
        'Nothing else can be checked from here: whether it arrives depends on the mail client and its account.',
        'The mail client sends with its own account, outside the Demo tenant: once sent, this message leaves the computer.',
      ],
    };
  }
}
