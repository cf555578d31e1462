/** What stands for a secret or token that had to be cut out of a text. */
export const REDACTED = '••••';

/**
 * The text with every occurrence of each secret replaced: servers and clients may echo what they
 * were sent, and such a text must never carry a secret into a result, a log or the settings file.
 */
export const redactSecrets = (text: string, secrets: readonly string[]): string =>
  secrets.reduce((t, secret) => (secret ? t.replaceAll(secret, REDACTED) : t), text);
