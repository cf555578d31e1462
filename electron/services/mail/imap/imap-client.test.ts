import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/contract/errors';
import { validateImapAccount, type ImapValidationRequest } from './imap-client';
import { startDovecot, type Dovecot } from '../../../../test-support/services/dovecot';

const day = (d: number) => new Date(Date.UTC(2025, 0, d, 9, 0, 0));
const messages = [
  { subject: 'Order 1001', date: day(1), seen: true },
  { subject: 'Order 1004', date: day(4) },
  { subject: 'Order 1002', date: day(2), seen: true },
  { subject: 'Order 1005', date: day(5) },
  { subject: 'Order 1003', date: day(3) },
];

const accessToken = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.test-access-token';
let server: Dovecot;
let wrongName: Dovecot;

beforeAll(async () => {
  [server, wrongName] = await Promise.all([
    startDovecot({ messages, accessToken }),
    startDovecot({ certificateHosts: ['imap.contoso.com'] }),
  ]);
});
afterAll(async () => {
  await Promise.all([server?.stop(), wrongName?.stop()]);
});

/**
 * dovecot slows every login from an address after a failed one (its auth penalty), so each test
 * that fails a login gets a server of its own rather than slowing the others.
 */
async function withOwnServer<T>(use: (own: Dovecot) => Promise<T>): Promise<T> {
  const own = await startDovecot({ accessToken });
  try {
    return await use(own);
  } finally {
    await own.stop();
  }
}

const request = (patch: Partial<ImapValidationRequest> = {}): ImapValidationRequest => ({
  host: server.host,
  port: server.port,
  credentials: { kind: 'password', user: server.user, password: server.password },
  extraCaPem: server.caPem,
  timeoutMs: 10_000,
  ...patch,
});

/** A TCP server that accepts connections and never says anything, as a hung server would. */
async function silentServer(): Promise<{ port: number; accepted: Promise<void>; close(): void }> {
  const sockets: net.Socket[] = [];
  let onAccept = () => {};
  const accepted = new Promise<void>((resolve) => (onAccept = resolve));
  const srv = net.createServer((socket) => {
    sockets.push(socket);
    onAccept();
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  return {
    port: (srv.address() as net.AddressInfo).port,
    accepted,
    close: () => {
      for (const socket of sockets) socket.destroy();
      srv.close();
    },
  };
}

describe('validateImapAccount against dovecot', () => {
  it('logs in, opens INBOX and reports its counts and newest subjects', async () => {
    expect(await validateImapAccount(request())).toEqual({
      ok: true,
      total: 5,
      unread: 3,
      newest: ['Order 1005', 'Order 1004', 'Order 1003'],
      // Maildir's received date (the file's time), which the server gives as INTERNALDATE.
      newestAt: day(5)
        .toISOString()
        .replace(/\.\d+Z$/, '.000Z'),
    });
  });

  it('reports a wrong password with the server’s words and without the password', async () => {
    const password = 'Wrong-Pa55word!';
    const result = await withOwnServer((own) =>
      validateImapAccount(
        request({
          port: own.port,
          extraCaPem: own.caPem,
          credentials: { kind: 'password', user: own.user, password },
        }),
      ),
    );
    expect(result).toEqual({
      ok: false,
      facts: {
        step: 'imap',
        message: '[AUTHENTICATIONFAILED] Authentication failed.',
        host: '127.0.0.1',
      },
    });
    expect(JSON.stringify(result)).not.toContain(password);
  });

  it('logs in with an OAuth access token (XOAUTH2)', async () => {
    const result = await validateImapAccount(
      request({ credentials: { kind: 'xoauth2', user: server.user, accessToken } }),
    );
    expect(result).toMatchObject({ ok: true, total: 5, unread: 3 });
  });

  it('reports a rejected access token without the token', async () => {
    const stale = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.expired-token';
    const result = await withOwnServer((own) =>
      validateImapAccount(
        request({
          port: own.port,
          extraCaPem: own.caPem,
          credentials: { kind: 'xoauth2', user: own.user, accessToken: stale },
        }),
      ),
    );
    expect(result).toMatchObject({ ok: false, facts: { step: 'imap' } });
    expect(result.ok || result.facts.network).toBeUndefined();
    expect(JSON.stringify(result)).not.toContain(stale);
  });

  it('refuses a server whose certificate is for another name', async () => {
    const result = await validateImapAccount(
      request({ port: wrongName.port, extraCaPem: wrongName.caPem }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.facts).toMatchObject({ step: 'imap', network: 'tls', host: '127.0.0.1' });
    expect(result.facts.message).toMatch(/does not match certificate/);
  });

  it('refuses a certificate from a CA it was not told to trust', async () => {
    const result = await validateImapAccount(request({ extraCaPem: undefined }));
    expect(result).toMatchObject({ ok: false, facts: { step: 'imap', network: 'tls' } });
  });

  it('reports a refused connection', async () => {
    const closed = await silentServer();
    closed.close();
    const result = await validateImapAccount(request({ port: closed.port }));
    expect(result).toMatchObject({ ok: false, facts: { step: 'imap', network: 'refused' } });
  });
});

describe('validateImapAccount on a server that never answers', () => {
  it('gives up after the timeout', async () => {
    const hung = await silentServer();
    try {
      const result = await validateImapAccount(request({ port: hung.port, timeoutMs: 300 }));
      expect(result).toEqual({
        ok: false,
        facts: {
          step: 'imap',
          network: 'timeout',
          message: 'The IMAP server did not answer within 300 ms.',
          host: '127.0.0.1',
        },
      });
    } finally {
      hung.close();
    }
  });

  it('stops at once when cancelled, with a cancellation rather than a failure', async () => {
    const hung = await silentServer();
    try {
      const controller = new AbortController();
      const validation = validateImapAccount(
        request({ port: hung.port, signal: controller.signal }),
      );
      await hung.accepted;
      controller.abort();
      const error = await validation.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('cancelled');
    } finally {
      hung.close();
    }
  });

  it('does not connect at all when already cancelled', async () => {
    const hung = await silentServer();
    let connected = false;
    void hung.accepted.then(() => (connected = true));
    try {
      await expect(
        validateImapAccount(request({ port: hung.port, signal: AbortSignal.abort() })),
      ).rejects.toMatchObject({ code: 'cancelled' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(connected).toBe(false);
    } finally {
      hung.close();
    }
  });
});
