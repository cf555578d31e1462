/** The SMTP passwords the keychain fault scenarios save: the one stored before the fault, and the one tried during it. */
export const FAULT_OLD_SECRET = 'Old-Smtp-Passw0rd-kept';
export const FAULT_NEW_SECRET = 'New-Smtp-Passw0rd-tried';
