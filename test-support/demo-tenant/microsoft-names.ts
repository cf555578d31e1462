import { once } from 'node:events';
import https from 'node:https';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls, { type PeerCertificate, type TLSSocket } from 'node:tls';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { readResponse, type RawRequest, type RawResponse } from '../services/raw-https';

export interface NamedResponse extends RawResponse {
  /** The certificate the server showed for the name asked for. */
  certificate: PeerCertificate;
}

export type NamedRequest = RawRequest;

/**
 * Reaches a demo tenant under Microsoft 365's own names, as a proxy with a hosts file would: each
 * `https://NAME/…` URL connects to 127.0.0.1:`port`, with NAME as SNI and Host header, trusting
 * only the demo CA and verifying the certificate for NAME (nothing is ever left unverified).
 */
export function microsoftNames(port: number, caPem: string) {
  const requested: string[] = [];
  const call = (url: string, init: NamedRequest = {}): Promise<NamedResponse> =>
    new Promise((resolve, reject) => {
      const target = new URL(url);
      if (target.protocol !== 'https:') throw new Error(`not an https URL: ${url}`);
      requested.push(`${init.method ?? 'GET'} ${url}`);
      // A Host header of the caller's own wins: tests show the tenant follows Host over SNI.
      const headers: Record<string, string | number> = { host: target.host, ...init.headers };
      if (init.body !== undefined) headers['content-length'] = Buffer.byteLength(init.body);
      const req = https.request(
        {
          host: '127.0.0.1',
          port,
          path: `${target.pathname}${target.search}`,
          method: init.method ?? 'GET',
          servername: target.hostname,
          ca: caPem,
          rejectUnauthorized: true,
          agent: false,
          headers,
        },
        (res) => {
          const certificate = (res.socket as TLSSocket).getPeerCertificate();
          readResponse(res).then((read) => resolve({ ...read, certificate }), reject);
        },
      );
      req.on('error', reject);
      req.end(init.body);
    });

  const msal = async <T>(
    method: 'GET' | 'POST',
    url: string,
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> => {
    const res = await call(url, {
      method,
      ...(options?.headers ? { headers: options.headers } : {}),
      ...(options?.body !== undefined ? { body: options.body } : {}),
    });
    return { status: res.status, headers: res.headers, body: res.json<T>() };
  };
  /** msal-node's `system.networkClient`: every request it makes, under the name it asked for. */
  const msalNetworkClient: INetworkModule = {
    sendGetRequestAsync: (url, options) => msal('GET', url, options),
    sendPostRequestAsync: (url, options) => msal('POST', url, options),
  };
  return { call, msalNetworkClient, requested };
}

interface ReplyReader {
  next(): Promise<string>;
  detach(): void;
}

/** SMTP replies off a socket, one whole (multi-line) reply at a time. */
function replyReader(socket: Duplex): ReplyReader {
  let buffer = '';
  const ready: string[] = [];
  const waiting: { resolve: (reply: string) => void; reject: (error: Error) => void }[] = [];
  const onData = (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let m: RegExpExecArray | null;
    while ((m = /^(?:\d{3}-[^\r\n]*\r\n)*\d{3}(?: [^\r\n]*)?\r\n/.exec(buffer))) {
      buffer = buffer.slice(m[0].length);
      const reply = m[0].trimEnd();
      const waiter = waiting.shift();
      if (waiter) waiter.resolve(reply);
      else ready.push(reply);
    }
  };
  const onError = (error: Error) => waiting.splice(0).forEach((w) => w.reject(error));
  socket.on('data', onData);
  socket.on('error', onError);
  return {
    next: () =>
      new Promise<string>((resolve, reject) => {
        const reply = ready.shift();
        if (reply !== undefined) resolve(reply);
        else waiting.push({ resolve, reject });
      }),
    detach: () => {
      socket.off('data', onData);
      socket.off('error', onError);
    },
  };
}

/**
 * SMTP submission as a client of smtp.office365.com:587 speaks it, connected to 127.0.0.1:`port`:
 * EHLO, STARTTLS verified for `servername` against the demo CA alone, EHLO, AUTH XOAUTH2, QUIT.
 */
export async function smtpStarttlsXoauth2(options: {
  port: number;
  caPem: string;
  servername: string;
  user: string;
  accessToken: string;
}): Promise<{ replies: string[]; certificate: PeerCertificate }> {
  const plain = net.connect(options.port, '127.0.0.1');
  const replies: string[] = [];
  let socket: Duplex = plain;
  let reader = replyReader(plain);
  const say = async (line?: string) => {
    if (line !== undefined) socket.write(`${line}\r\n`);
    const reply = await reader.next();
    replies.push(reply);
    return reply;
  };
  try {
    await say();
    await say('EHLO erp.example');
    if (!(await say('STARTTLS')).startsWith('220')) throw new Error(replies.join('\n'));
    reader.detach();
    const secure = tls.connect({
      socket: plain,
      servername: options.servername,
      ca: options.caPem,
      rejectUnauthorized: true,
    });
    await once(secure, 'secureConnect');
    socket = secure;
    reader = replyReader(secure);
    await say('EHLO erp.example');
    const xoauth2 = `user=${options.user}\x01auth=Bearer ${options.accessToken}\x01\x01`;
    await say(`AUTH XOAUTH2 ${Buffer.from(xoauth2).toString('base64')}`);
    await say('QUIT');
    return { replies, certificate: secure.getPeerCertificate() };
  } finally {
    socket.destroy();
    plain.destroy();
  }
}
