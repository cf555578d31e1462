/** The IMAP row whose password locked-keychain.child.ts stores before it locks the keyring. */
export const LOCKED_ROW_ID = '5d0c9a52-6c1e-4a8e-9f3b-2b7d4e6f8a10';
export const LOCKED_ROW_PASSWORD = 'row-password-kept';
