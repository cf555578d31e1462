import { isDeepStrictEqual } from 'node:util';
import type { HandlerInput, HandlerOutput } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import type { IncomingSettingsView } from '../../../shared/contract/incoming';
import {
  defaultIncomingSettings,
  type IncomingSecretChanges,
  type IncomingSecretPresence,
  type IncomingSettings,
} from '../../../shared/settings/incoming-settings';
import { validateIncomingSettings } from '../../../shared/settings/incoming-validation';
import {
  UNSAVED_SECRET,
  usesClientSecret,
  type SecretVersions,
} from '../../../shared/settings/validation-basis';
import type { SecretVault } from '../keychain/secret-vault';
import { commitWithSecrets, type SecretWrite } from '../keychain/secret-transaction';
import {
  INCOMING_CLIENT_SECRET_ACCOUNT,
  INCOMING_PASSWORD_PREFIX,
  incomingPasswordAccount,
  isIncomingPasswordAccount,
} from '../keychain/entry-names';
import { KEYCHAIN_LOCKED_MESSAGE } from '../keychain/secret-vault';

/** The `incoming` section of the settings file; undefined until it is first saved. */
export interface IncomingSettingsStore {
  getIncoming(): IncomingSettings | undefined;
  /** Throws (AppError 'storage-failed') when the file cannot be written; nothing changes then. */
  setIncoming(settings: IncomingSettings): void;
}

export type IncomingSettingsSaveInput = HandlerInput<'incomingSettings.save'>;
export type IncomingSettingsSaveResult = HandlerOutput<'incomingSettings.save'>;

export interface IncomingSettingsService {
  /** The settings and, for each secret, only whether it is stored. */
  load(): Promise<IncomingSettingsView>;
  /** Validates again (main never trusts the UI), then writes secrets and values together or not at all. */
  save(input: IncomingSettingsSaveInput): Promise<IncomingSettingsSaveResult>;
}

interface Deps {
  store: IncomingSettingsStore;
  vault: SecretVault;
}

const noSecrets = (ids: readonly string[]): IncomingSecretPresence => ({
  clientSecret: false,
  passwords: Object.fromEntries(ids.map((id) => [id, false])),
});

/**
 * The keychain writes a save makes: the changes the admin asked for on rows that still exist, and
 * the removal of every stored row password (`storedAccounts`, as the keychain lists them) whose
 * row is gone, so no entry outlives its row, even one an earlier, interrupted save left behind.
 */
function secretWrites(
  after: IncomingSettings,
  changes: IncomingSecretChanges,
  storedAccounts: readonly string[],
): SecretWrite[] {
  const writes: SecretWrite[] = [];
  if (changes.clientSecret)
    writes.push({ account: INCOMING_CLIENT_SECRET_ACCOUNT, change: changes.clientSecret });
  const kept = new Set(after.accounts.map((a) => incomingPasswordAccount(a.id)));
  for (const { id } of after.accounts) {
    const change = changes.passwords?.[id];
    if (change) writes.push({ account: incomingPasswordAccount(id), change });
  }
  for (const account of storedAccounts)
    if (isIncomingPasswordAccount(account) && !kept.has(account))
      writes.push({ account, change: { action: 'clear' } });
  return writes;
}

/** Whether each secret is stored: the client secret and the password of each row in `ids`. */
async function presenceOf(
  vault: SecretVault,
  ids: readonly string[],
): Promise<IncomingSecretPresence> {
  const [clientSecret, ...flags] = await Promise.all([
    vault.isSet(INCOMING_CLIENT_SECRET_ACCOUNT),
    ...ids.map((id) => vault.isSet(incomingPasswordAccount(id))),
  ]);
  return {
    clientSecret: clientSecret ?? false,
    passwords: Object.fromEntries(ids.map((id, i) => [id, flags[i] ?? false])),
  };
}

const versionOf = (vault: SecretVault) => (account: string) => vault.version?.(account) ?? '';

/** The stored secrets' versions; none from a vault without versions (every check then agrees). */
function versionsOf(vault: SecretVault, presence: IncomingSecretPresence): SecretVersions {
  const version = versionOf(vault);
  return {
    ...(presence.clientSecret ? { clientSecret: version(INCOMING_CLIENT_SECRET_ACCOUNT) } : {}),
    passwords: Object.fromEntries(
      Object.entries(presence.passwords)
        .filter(([, set]) => set)
        .map(([id]) => [id, version(incomingPasswordAccount(id))]),
    ),
  };
}

/**
 * The settings with each validation made with a typed secret that this save stored now naming
 * that secret's new version, so Val. keeps its check after the save. The UI marks a result whose
 * typed secret changed again before the save (validation-basis.ts), so only the secret saved here
 * can still be `unsaved`. Answers undefined when no validation changes.
 */
function withSavedSecrets(
  settings: IncomingSettings,
  changes: IncomingSecretChanges,
  version: (account: string) => string,
): IncomingSettings | undefined {
  const byClientSecret = usesClientSecret(settings);
  let changed = false;
  const accounts = settings.accounts.map((account) => {
    const { validation } = account;
    if (validation?.basis?.secret !== UNSAVED_SECRET) return account;
    const change = byClientSecret ? changes.clientSecret : changes.passwords?.[account.id];
    if (change?.action !== 'set') return account;
    const secret = version(
      byClientSecret ? INCOMING_CLIENT_SECRET_ACCOUNT : incomingPasswordAccount(account.id),
    );
    changed = true;
    return { ...account, validation: { ...validation, basis: { ...validation.basis, secret } } };
  });
  return changed ? { ...settings, accounts } : undefined;
}

/** Equal as the settings file holds them (JSON: no undefined members, any key order). */
const sameData = (a: unknown, b: unknown) =>
  isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));

export function createIncomingSettingsService({ store, vault }: Deps): IncomingSettingsService {
  const current = () => store.getIncoming() ?? defaultIncomingSettings;

  const load = async (): Promise<IncomingSettingsView> => {
    const settings = current();
    const ids = settings.accounts.map((a) => a.id);
    try {
      const secretsSet = await presenceOf(vault, ids);
      return {
        settings,
        secretsSet,
        secretVersions: versionsOf(vault, secretsSet),
        notices: (await vault.locked?.()) ? [KEYCHAIN_LOCKED_MESSAGE] : [],
      };
    } catch (error) {
      // Without a keychain the screen still opens, showing why secrets read as not set.
      if (!(error instanceof AppError)) throw error;
      const secretsSet = noSecrets(ids);
      return { settings, secretsSet, secretVersions: { passwords: {} }, notices: [error.message] };
    }
  };

  return {
    load,
    save: async ({ form, secrets }) => {
      // An unavailable keychain stops the save with its own message rather than a grid of
      // "Incorrect value" on passwords that may well be stored.
      const stored = await presenceOf(
        vault,
        form.accounts.map((a) => a.id),
      );
      const { errors, settings } = validateIncomingSettings(form, stored, secrets);
      if (!settings) return { status: 'invalid', errors };

      const writes = secretWrites(
        settings,
        secrets,
        await vault.accounts(INCOMING_PASSWORD_PREFIX),
      );
      await commitWithSecrets(vault, writes, () => store.setIncoming(settings));
      // The new versions exist only once the save is committed. This second write is only for the
      // Val. marks: killed or refused before it, or overtaken by a newer save, the file keeps
      // `unsaved` and Val. shows out of date (the cautious side); the save itself stands.
      const rebased = withSavedSecrets(settings, secrets, versionOf(vault));
      if (rebased && sameData(store.getIncoming(), settings)) {
        try {
          store.setIncoming(rebased);
        } catch {
          // As above: the save is committed; only its marks stay out of date.
        }
      }
      return { status: 'saved', view: await load() };
    },
  };
}
