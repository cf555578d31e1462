import type { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';
import XOAuth2 from 'nodemailer/lib/xoauth2/index.js';
import { CancelledError } from '../../base/abortable';
import { tlsDetailsOf, type MailSocket as Socket, type TlsDetails } from '../../network/sockets';
import { directPath } from '../../network/connect-path';
import type { TcpOpener } from '../../network/route';
import { verifiedTlsOptions } from '../../network/trust';

/** One server reply and the command it answered ('greeting' before any, 'message' after DATA). */
export interface SmtpReply {
  to: string;
  text: string;
}

/** The server did not answer in time; `waitingFor` says what for. */
export class SmtpTimeoutError extends Error {
  constructor(readonly waitingFor: string) {
    super(`no answer while waiting for ${waitingFor}`);
    this.name = 'SmtpTimeoutError';
  }
}

export interface SmtpDialogueOptions {
  /** Where the socket really goes (the demo routes a public name to loopback). */
  host: string;
  port: number;
  /** TLS from the first byte (Use SSL = Yes); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  /** The name the server's certificate must carry. */
  servername: string;
  /** The CAs to trust: the system roots, plus an extra one where the caller allows it. */
  ca: string[];
  /** The longest any one wait may take. */
  timeoutMs: number;
  signal: AbortSignal;
  /** The network seam's path (a proxy's tunnel in Microsoft 365); a direct socket when absent. */
  open?: TcpOpener;
}

export type SmtpLogin =
  | { method: 'PLAIN' | 'LOGIN'; user: string; password: string }
  | { method: 'XOAUTH2'; user: string; accessToken: string };

/** Commands whose replies the transcript names; anything else (SASL continuations) is unnamed. */
const NAMED_COMMAND = /^(EHLO|HELO|STARTTLS|AUTH \S+|MAIL FROM|RCPT TO|DATA|QUIT|RSET)\b/i;

const noop = () => {};

/**
 * One SMTP session over nodemailer's SMTPConnection, split into the phases the run times as
 * steps. Every wait ends with the answer, the server's error, a timeout or the run's cancel;
 * timeout and cancel close the socket so nothing further is sent. The transcript keeps reply
 * codes and texts and only the names of commands, never their arguments (a password or token).
 */
export class SmtpDialogue {
  readonly replies: SmtpReply[] = [];
  private readonly pending: string[] = [];
  private readonly watchers = new Set<() => void>();
  private socket: Socket | undefined;
  private cancelPath: (() => void) | undefined;
  private connection: SMTPConnection | undefined;
  private ready = false;
  private failure: Error | undefined;

  constructor(private readonly options: SmtpDialogueOptions) {}

  /** TCP, then (without implicit TLS) the greeting and the answer to EHLO. */
  async open(): Promise<void> {
    const socket = await this.guard(this.connectTcp(), 'the TCP connection');
    this.connection = this.startSession(socket);
    if (!this.options.secure) await this.until(() => this.replies.length >= 2, 'the greeting');
  }

  /** Until the session is ready: STARTTLS (when offered) or the implicit TLS handshake, and EHLO. */
  async secure(): Promise<void> {
    await this.until(() => this.ready, 'the TLS handshake');
  }

  get banner(): string {
    return this.replies.find((r) => r.to === 'greeting')?.text ?? '';
  }

  /** Whether the server's first EHLO answer offered STARTTLS. */
  get offersStartTls(): boolean {
    return /^\d{3}[ -]STARTTLS\b/im.test(this.ehloReplies[0] ?? '');
  }

  /** The AUTH mechanisms of the latest EHLO answer (after STARTTLS, the one that counts). */
  get authMechanisms(): string[] {
    const last = this.ehloReplies.at(-1) ?? '';
    const line = /^\d{3}[ -]AUTH[ =](.*)$/im.exec(last);
    return line?.[1]?.trim().split(/\s+/).filter(Boolean) ?? [];
  }

  tlsDetails(): TlsDetails | undefined {
    return tlsDetailsOf(this.connection?._socket);
  }

  login(credentials: SmtpLogin): Promise<void> {
    const connection = this.session();
    const auth =
      credentials.method === 'XOAUTH2'
        ? {
            oauth2: new XOAuth2({
              user: credentials.user,
              accessToken: credentials.accessToken,
            }) as unknown as SMTPConnection.OAuth2,
          }
        : passwordAuth(credentials.method, credentials.user, credentials.password);
    const work = new Promise<void>((resolve, reject) =>
      connection.login(auth, (error) => (error ? reject(error) : resolve())),
    );
    return this.guard(work, `the answer to AUTH ${credentials.method}`);
  }

  send(
    envelope: { from: string; to: string[] },
    message: Readable,
  ): Promise<SMTPConnection.SentMessageInfo> {
    const connection = this.session();
    const work = new Promise<SMTPConnection.SentMessageInfo>((resolve, reject) =>
      connection.send(envelope, message, (error, info) => (error ? reject(error) : resolve(info))),
    );
    return this.guard(work, 'the answer to MAIL FROM, RCPT TO and DATA');
  }

  /** QUIT, and wait a moment for the server's goodbye; the message is already accepted. */
  async quit(waitMs: number): Promise<void> {
    const connection = this.connection;
    if (!connection || this.failure) return;
    const ended = new Promise<void>((resolve) => connection.once('end', resolve));
    connection.quit();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([ended, new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]);
    clearTimeout(timer);
  }

  close(): void {
    this.connection?.close();
    this.cancelPath?.();
    this.socket?.destroy();
  }

  private get ehloReplies(): string[] {
    return this.replies.filter((r) => /^(EHLO|HELO)$/i.test(r.to)).map((r) => r.text);
  }

  private session(): SMTPConnection {
    if (!this.connection) throw new Error('The SMTP session is not open.');
    return this.connection;
  }

  private async connectTcp(): Promise<Socket> {
    const open = this.options.open ?? directPath;
    const path = open(this.options.host, this.options.port);
    this.cancelPath = path.cancel;
    this.socket = await path.connected;
    return this.socket;
  }

  private startSession(socket: Socket): SMTPConnection {
    const { secure, servername, ca, timeoutMs } = this.options;
    // nodemailer's own timers only back ours up: ours name the step and close the socket.
    const backstop = timeoutMs * 2;
    const connection = new SMTPConnection({
      connection: socket,
      host: this.options.host,
      secure,
      connectionTimeout: backstop,
      greetingTimeout: backstop,
      socketTimeout: backstop,
      transactionLog: true,
      logger: this.transcriptLogger(),
      tls: verifiedTlsOptions(servername, ca),
    });
    connection.on('error', (error) => this.notify(() => (this.failure = error)));
    connection.connect(() => this.notify(() => (this.ready = true)));
    return connection;
  }

  /** nodemailer's transaction log, read for the replies and the phase the session is in. */
  private transcriptLogger() {
    const debug = (entry: { tnx?: string } | undefined, message: unknown) => {
      if (typeof message !== 'string') return;
      if (entry?.tnx === 'client') this.pending.push(commandName(message));
      if (entry?.tnx === 'server') {
        const to = this.pending.shift() ?? (this.replies.length === 0 ? 'greeting' : 'message');
        this.notify(() => this.replies.push({ to, text: message }));
      }
    };
    return { level: noop, trace: noop, debug, info: noop, warn: noop, error: noop, fatal: noop };
  }

  private notify(change: () => unknown): void {
    change();
    for (const watcher of this.watchers) watcher();
  }

  private until(done: () => boolean, waitingFor: string): Promise<void> {
    let watcher = noop;
    const work = new Promise<void>((resolve, reject) => {
      watcher = () => {
        if (this.failure) reject(this.failure);
        else if (done()) resolve();
      };
      watcher();
      this.watchers.add(watcher);
    });
    return this.guard(work, waitingFor).finally(() => this.watchers.delete(watcher));
  }

  /** `work`, unless the session fails, the time runs out or the run is cancelled first. */
  private guard<T>(work: Promise<T>, waitingFor: string): Promise<T> {
    const { signal, timeoutMs } = this.options;
    let timer: NodeJS.Timeout | undefined;
    let onAbort = noop;
    let watcher = noop;
    const stop = new Promise<never>((_resolve, reject) => {
      const end = (error: Error) => {
        this.close();
        reject(error);
      };
      onAbort = () => end(new CancelledError());
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      timer = setTimeout(() => end(new SmtpTimeoutError(waitingFor)), timeoutMs);
      watcher = () => this.failure && reject(this.failure);
      this.watchers.add(watcher);
      watcher();
    });
    work.catch(noop);
    return Promise.race([work, stop]).finally(() => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      this.watchers.delete(watcher);
    });
  }
}

function commandName(command: string): string {
  const named = NAMED_COMMAND.exec(command)?.[1];
  return named ? named.toUpperCase() : 'AUTH (continued)';
}

/** nodemailer reads `method` next to the credentials, though its types leave it out. */
function passwordAuth(
  method: 'PLAIN' | 'LOGIN',
  user: string,
  pass: string,
): SMTPConnection.AuthenticationCredentials {
  const auth: SMTPConnection.AuthenticationCredentials & { method: string } = {
    credentials: { user, pass },
    method,
  };
  return auth;
}
