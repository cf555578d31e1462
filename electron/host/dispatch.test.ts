import { describe, expect, it, vi } from 'vitest';
import { AppError, type Handlers } from '../../shared/contract';
import { dispatch } from './dispatch';
import { sampleInputs, testHandlers } from '../../test-support/host/test-doubles';

const SECRET = 'hunter2-very-secret-token';

const withHandler = (overrides: Partial<Handlers>): Handlers => ({
  ...testHandlers(),
  ...overrides,
});

describe('dispatch', () => {
  it('answers a valid call with the parsed output', async () => {
    const result = await dispatch(testHandlers(), 'app.info', {});
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({ name: 'ERP Mail Settings', transport: 'browser' }),
    });
  });

  it.each(['nope', '__proto__', 'constructor', 'toString', ''])(
    'refuses the unknown method %j',
    async (method) => {
      const result = await dispatch(testHandlers(), method, {});
      expect(result).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'unknown-method' }),
      });
    },
  );

  it('refuses bad input, naming the failing paths but never the values', async () => {
    const handlers = testHandlers();
    const save = vi.spyOn(handlers, 'systemSettings.save');
    const input = {
      form: { ...sampleInputs['systemSettings.save'].form, port: 443 },
      secrets: { clientSecret: { action: 'set', value: 42 }, smtpPassword: { action: SECRET } },
    };
    const result = await dispatch(handlers, 'systemSettings.save', input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('bad-input');
    expect(result.error.message).toContain('form.port');
    expect(result.error.message).toContain('secrets.clientSecret.value');
    expect(result.error.message).toContain('secrets.smtpPassword.action');
    expect(result.error.message).not.toContain(SECRET);
    expect(result.error.message).not.toContain('443');
    expect(save).not.toHaveBeenCalled();
  });

  it('names the root when the whole input is wrong', async () => {
    const result = await dispatch(testHandlers(), 'systemSettings.load', 'not an object');
    expect(result).toEqual({
      ok: false,
      error: { code: 'bad-input', message: expect.stringContaining('(root)') },
    });
  });

  it('passes an AppError through with its code and message, and logs it as a warning', async () => {
    const log = vi.fn();
    const handlers = withHandler({
      'systemSettings.load': async () => {
        throw new AppError('keychain-unavailable', 'The keychain is locked.');
      },
    });
    const result = await dispatch(handlers, 'systemSettings.load', {}, log);
    expect(result).toEqual({
      ok: false,
      error: { code: 'keychain-unavailable', message: 'The keychain is locked.' },
    });
    expect(log).toHaveBeenCalledWith({
      level: 'warn',
      method: 'systemSettings.load',
      problem: 'refused (keychain-unavailable)',
      detail: 'The keychain is locked.',
    });
  });

  it('turns any other throw into a generic failure that leaks neither message nor stack', async () => {
    const log = vi.fn();
    const handlers = withHandler({
      'systemSettings.load': async () => {
        throw new Error(`connect failed for password=${SECRET}`);
      },
    });
    const result = await dispatch(handlers, 'systemSettings.load', {}, log);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('failed');
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(JSON.stringify(result)).not.toMatch(/\bat /);

    expect(log).toHaveBeenCalledTimes(1);
    const entry = log.mock.calls[0]?.[0];
    expect(entry).toMatchObject({ method: 'systemSettings.load', problem: 'handler threw' });
    expect(entry.detail).toMatch(/^Error\n\s+at /);
    expect(JSON.stringify(log.mock.calls)).not.toContain(SECRET);
  });

  it('handles a thrown non-Error without leaking it', async () => {
    const log = vi.fn();
    const handlers = withHandler({
      'app.info': async () => {
        throw SECRET;
      },
    });
    const result = await dispatch(handlers, 'app.info', {}, log);
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'failed' }) });
    expect(JSON.stringify([result, log.mock.calls])).not.toContain(SECRET);
  });

  it('refuses an output that breaks the contract', async () => {
    const log = vi.fn();
    const handlers = withHandler({
      'app.info': async () => ({ name: 'x', version: 1 }) as never,
    });
    const result = await dispatch(handlers, 'app.info', {}, log);
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'bad-output' }) });
    expect(log).toHaveBeenCalledWith(
      expect.objectContaining({ problem: 'answer broke the contract' }),
    );
  });

  it('strips fields the contract does not declare from the output', async () => {
    const handlers = withHandler({
      'app.info': async () =>
        ({
          name: 'n',
          version: 'v',
          transport: 'browser',
          settingsFile: 'f',
          secret: SECRET,
        }) as never,
    });
    const result = await dispatch(handlers, 'app.info', {});
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });
});
