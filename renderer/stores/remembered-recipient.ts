// The recipient is not a setting; remembering it spares retyping it for every test in a session.
let lastRecipient = '';

/** The Recipient the Check dialog last tested with, or '' before the first Test. */
export const rememberedRecipient = (): string => lastRecipient;

export function rememberRecipient(recipient: string): void {
  lastRecipient = recipient.trim();
}

/** Forgets the remembered Recipient when `matches` says it is one to forget; answers whether it did. */
export function forgetRecipientIf(matches: (recipient: string) => boolean): boolean {
  if (lastRecipient === '' || !matches(lastRecipient)) return false;
  lastRecipient = '';
  return true;
}
