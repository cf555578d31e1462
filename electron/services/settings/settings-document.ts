import { z } from 'zod';
import { environments } from '../../../shared/contract/environment';
import { mailApiChoiceSchema } from '../../../shared/contract/mail-apis';
import { walkthroughProgressSchema } from '../../../shared/contract/walkthrough';
import { incomingSettingsSchema } from '../../../shared/settings/incoming-settings';
import { networkSettingsSchema } from '../../../shared/settings/network';
import {
  defaultSystemSettings,
  systemSettingsSchema,
} from '../../../shared/settings/system-settings';

/**
 * The settings file's layout, its versions and the migrations between them. Pure: the store does
 * the reading and writing. Each procedure (System settings now; incoming e-mail and environment
 * later) gets its own section beside `system`; adding one means a new schema version, a migration
 * that adds its defaults, and the section in `settingsDocumentSchema`.
 */

type RawDocument = Record<string, unknown>;
type Migration = (doc: RawDocument) => RawDocument;

/**
 * Version 1 kept the System settings as flat top-level keys (conf's default layout, one key per
 * setting), which left no room for a second procedure. Version 2 moves them under `system` so that
 * incoming e-mail and environment settings can sit beside them. A file without `schemaVersion` is a
 * version-1 file.
 */
export const moveSystemKeysUnderSection: Migration = (doc) => {
  const system: RawDocument = {};
  const rest: RawDocument = {};
  const systemKeys = new Set(Object.keys(systemSettingsSchema.shape));
  for (const [key, value] of Object.entries(doc)) {
    if (systemKeys.has(key)) system[key] = value;
    else if (key !== 'schemaVersion') rest[key] = value;
  }
  return { ...rest, schemaVersion: 2, system };
};

/** `migrations[k - 1]` turns a version-k document into a version-(k + 1) one. */
export const migrations: readonly Migration[] = [moveSystemKeysUnderSection];

export const currentSchemaVersion = migrations.length + 1;

/**
 * Where tests send mail: the embedded demo tenant or Microsoft 365. Optional, so adding it needed
 * no new schema version: a file written before it existed reads as Demo with the first-run prefill
 * already done (its System settings are the user's own and must not be overwritten).
 */
export const environmentSectionSchema = z.object({
  name: z.enum(environments),
  /** Whether the first-run Demo prefill of System settings has been applied. */
  demoPrefilled: z.boolean(),
});
export type EnvironmentSection = z.infer<typeof environmentSectionSchema>;
export const environmentOfOlderFile: EnvironmentSection = { name: 'demo', demoPrefilled: true };

export const settingsDocumentSchema = z
  .object({
    schemaVersion: z.literal(currentSchemaVersion),
    system: systemSettingsSchema,
    environment: environmentSectionSchema.optional(),
    /** Settings for incoming e-mail; optional like `environment`, absent until first saved. */
    incoming: incomingSettingsSchema.optional(),
    /**
     * Which keychain entry holds each secret (versioned-vault.ts): the file is a save's commit
     * point. Optional like `environment`; a file without it reads secrets under their own names.
     */
    secretRefs: z.record(z.string(), z.string()).optional(),
    /**
     * The walkthrough's ticked steps; optional like `environment`, absent until one is ticked.
     * Only ticks: a section this version cannot read is dropped, never the file with it.
     */
    walkthrough: walkthroughProgressSchema.optional().catch(undefined),
    /** The last Send through and Validate through; like the ticks, dropped rather than refused. */
    mailApis: mailApiChoiceSchema.optional().catch(undefined),
    /**
     * The Network procedure's form; optional like `incoming`, so a file from before it reads as
     * the defaults (the system's proxy). Its password is in the keychain, never here.
     */
    network: networkSettingsSchema.optional(),
  })
  // Keys this version does not know are kept as they are rather than dropped on the next write.
  .loose();
export type SettingsDocument = z.infer<typeof settingsDocumentSchema>;

export const defaultSettingsDocument = (): SettingsDocument => ({
  schemaVersion: currentSchemaVersion,
  system: { ...defaultSystemSettings },
  environment: { name: 'demo', demoPrefilled: false },
});

export type ParsedSettings =
  { ok: true; document: SettingsDocument; migrated: boolean } | { ok: false; reason: string };

const isPlainObject = (value: unknown): value is RawDocument =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Brings a document of any known version up to the current one. */
export function migrateSettingsDocument(doc: RawDocument): ParsedSettings {
  const version = doc.schemaVersion ?? 1;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return { ok: false, reason: 'its schemaVersion is not a version number' };
  if (version > currentSchemaVersion)
    return {
      ok: false,
      reason: `it was written by a newer version of the app (schemaVersion ${version}; this version reads up to ${currentSchemaVersion})`,
    };
  const migrated = migrations.slice(version - 1).reduce((d, migrate) => migrate(d), doc);
  const result = settingsDocumentSchema.safeParse(migrated);
  if (!result.success) {
    const first = result.error.issues[0];
    const where = first && first.path.length > 0 ? ` at "${first.path.join('.')}"` : '';
    return { ok: false, reason: `it has a value of the wrong type or a missing value${where}` };
  }
  return { ok: true, document: result.data, migrated: version !== currentSchemaVersion };
}

/** Parses the raw text of the settings file; a reason in plain words when it cannot be used. */
export function parseSettingsFile(text: string): ParsedSettings {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'it is not valid JSON' };
  }
  if (!isPlainObject(raw)) return { ok: false, reason: 'it does not hold a JSON object' };
  return migrateSettingsDocument(raw);
}
