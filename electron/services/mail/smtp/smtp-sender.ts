import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { stepNames, type CheckStep } from '../../../../shared/diagnosis/failure';
import { CancelledError } from '../../base/abortable';
import { RunFailure } from '../failure';
import type { SendReport, Sender } from '../sender';
import { TEST_RUN_HEADER, type MailCredentials, type OutgoingMessage } from '../port';
import type { TlsDetails } from '../../network/sockets';
import { defaultSmtpPort, type TcpOpener } from '../../network/route';
import { SmtpDialogue } from './smtp-dialogue';
import { smtpFailure, type SmtpPeer } from './smtp-failure';
import type { StepContext } from '../step-context';

export interface SmtpSenderConfig {
  /** The server as the form names it (row 15): every message and fact names this. */
  host: string;
  /** Row 16; 0 means the default for `secure` (see `defaultSmtpPort`). */
  port: number;
  /** Where the socket really goes when it is not `host` (the demo routes to loopback). */
  connectHost?: string;
  connectPort?: number;
  /** Use SSL = Yes: TLS from the first byte. Otherwise STARTTLS when the server offers it. */
  secure: boolean;
  /** The name the server's certificate must carry; usually `host`. */
  servername: string;
  /** The CAs to trust: the system roots, plus an extra CA for demo endpoints. Never empty. */
  ca: string[];
  /** The longest any one wait for the server may take. */
  timeoutMs: number;
  /** The network seam's path to the server (a proxy's tunnel); direct when absent. */
  open?: TcpOpener;
  /** How the server is reached in Microsoft 365 ("direct", "via proxy.corp:8080, from …"). */
  network?: string;
  /** Rows 17–18 (password) or an OAuth token (XOAUTH2); none sends without logging in. */
  auth?: MailCredentials;
}

/** One timed step of the session, whose replies the report lists. */
type TimedStep = (name: CheckStep, run: () => Promise<unknown>) => Promise<void>;

/** How long QUIT may wait for the server's goodbye after the message was accepted. */
const QUIT_WAIT_MS = 1_000;

/**
 * Server based, via SMTP (FLOWS.md §7): connect, TLS, AUTH, send from Sender to Recipient,
 * quit, each a timed step. Certificates are always verified against `ca` and `servername`; a
 * password never travels without TLS.
 */
export class SmtpSender implements Sender {
  private readonly peer: SmtpPeer;

  constructor(private readonly config: SmtpSenderConfig) {
    this.peer = {
      host: config.host,
      port: defaultSmtpPort(config.port, config.secure),
      timeoutMs: config.timeoutMs,
      network: config.network,
    };
  }

  async send(message: OutgoingMessage, context: StepContext): Promise<SendReport> {
    return this.session(context, (dialogue, step) =>
      step('smtp-send', () =>
        dialogue.send({ from: message.from, to: [message.to] }, compose(message)),
      ),
    );
  }

  /**
   * The same session up to AUTH and QUIT, without MAIL FROM or DATA: proves the login works and
   * sends nothing (FLOWS.md §7, the XOAUTH2 attempt next to a password login).
   */
  authenticate(context: StepContext): Promise<SendReport> {
    return this.session(context, () => Promise.resolve());
  }

  /** Connect, TLS, AUTH (with credentials), then `work`, then QUIT, each a timed step. */
  private async session(
    context: StepContext,
    work: (dialogue: SmtpDialogue, step: TimedStep) => Promise<void>,
  ): Promise<SendReport> {
    const { auth } = this.config;
    if (auth) context.conceal(auth.kind === 'password' ? auth.password : auth.accessToken);
    const dialogue = new SmtpDialogue({
      host: this.config.connectHost ?? this.config.host,
      port: this.config.connectPort ?? this.peer.port,
      secure: this.config.secure,
      servername: this.config.servername,
      ca: this.config.ca,
      timeoutMs: this.config.timeoutMs,
      signal: context.signal,
      open: this.config.open,
    });
    const replyLines: string[] = [];
    const step: TimedStep = async (name, run) => {
      if (context.signal.aborted) throw new CancelledError();
      const first = dialogue.replies.length;
      await context.step(name, () =>
        run().catch((error: unknown) => {
          throw smtpFailure(name, error, this.peer);
        }),
      );
      replyLines.push(replyLine(name, dialogue, first));
    };
    try {
      await step('smtp-connect', () => this.open(dialogue));
      if (this.config.secure || dialogue.offersStartTls || auth)
        await step('smtp-tls', () => this.secure(dialogue));
      if (auth)
        await step(auth.kind === 'password' ? 'smtp-auth' : 'smtp-oauth', () =>
          this.login(dialogue, auth),
        );
      await work(dialogue, step);
      await dialogue.quit(QUIT_WAIT_MS);
      return { lines: this.report(dialogue, replyLines) };
    } finally {
      dialogue.close();
    }
  }

  /** Without TLS to come, the session is ready after EHLO: that belongs to connecting. */
  private async open(dialogue: SmtpDialogue): Promise<void> {
    await dialogue.open();
    if (!this.config.secure && !dialogue.offersStartTls) await dialogue.secure();
  }

  private async secure(dialogue: SmtpDialogue): Promise<void> {
    if (!this.config.secure && !dialogue.offersStartTls) {
      throw new RunFailure({
        step: 'smtp-tls',
        host: `${this.peer.host}:${this.peer.port}`,
        message: `${this.peer.host}:${this.peer.port} does not offer STARTTLS, so the password would travel unencrypted. Nothing was sent.`,
      });
    }
    await dialogue.secure();
  }

  private login(dialogue: SmtpDialogue, auth: MailCredentials): Promise<void> {
    const offered = dialogue.authMechanisms.map((m) => m.toUpperCase());
    if (auth.kind === 'xoauth2') {
      this.requireMechanism(offered, 'XOAUTH2', 'smtp-oauth');
      return dialogue.login({ method: 'XOAUTH2', user: auth.user, accessToken: auth.accessToken });
    }
    const method = offered.includes('PLAIN') ? 'PLAIN' : 'LOGIN';
    this.requireMechanism(offered, method, 'smtp-auth');
    return dialogue.login({ method, user: auth.user, password: auth.password });
  }

  private requireMechanism(offered: string[], method: string, step: CheckStep): void {
    if (offered.includes(method)) return;
    const wanted = method === 'XOAUTH2' ? 'XOAUTH2' : 'PLAIN or LOGIN';
    const where = `${this.peer.host}:${this.peer.port}`;
    throw new RunFailure({
      step,
      host: where,
      message: `${where} does not offer AUTH ${wanted} (offered: ${offered.join(' ') || 'none'}).`,
    });
  }

  private report(dialogue: SmtpDialogue, replyLines: string[]): string[] {
    const mechanisms = dialogue.authMechanisms;
    return [
      `Server: ${this.peer.host}:${this.peer.port} (${this.config.secure ? 'implicit TLS' : 'STARTTLS'})`,
      `Banner: ${dialogue.banner}`,
      tlsLine(dialogue.tlsDetails()),
      `AUTH mechanisms offered: ${mechanisms.length ? mechanisms.join(' ') : 'none'}`,
      ...replyLines,
    ];
  }
}

function compose(message: OutgoingMessage) {
  return new MailComposer({
    from: message.from,
    to: message.to,
    subject: message.subject,
    text: message.body,
    messageId: message.mark.messageId,
    headers: { [TEST_RUN_HEADER]: message.mark.runId },
  })
    .compile()
    .createReadStream();
}

function tlsLine(details: TlsDetails | undefined): string {
  if (!details)
    return 'TLS: none. The server does not offer STARTTLS, so this connection was not encrypted.';
  const { certificate } = details;
  const name = (subject: Record<string, unknown> | undefined) =>
    typeof subject?.CN === 'string' ? `CN=${subject.CN}` : 'no common name';
  const expires = new Date(certificate.valid_to).toISOString().slice(0, 10);
  return `TLS: ${details.protocol}, certificate ${name(certificate.subject)} issued by ${name(certificate.issuer)}, expires ${expires}`;
}

/** The replies one step received, e.g. "Connect (SMTP): greeting 220, EHLO 250". */
function replyLine(step: CheckStep, dialogue: SmtpDialogue, first: number): string {
  const replies = dialogue.replies.slice(first).map((reply) => {
    const status = /^\d{3}(?:[ -][245]\.\d{1,3}\.\d{1,3}\b)?/.exec(reply.text)?.[0] ?? '?';
    return `${reply.to} ${status.replace('-', ' ')}`;
  });
  return `${stepNames[step]}: ${replies.join(', ') || 'no reply'}`;
}
