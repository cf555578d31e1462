import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { AppError } from '../../../shared/contract/errors';
import {
  defaultMailApiChoice,
  mailApiChoiceSchema,
  type MailApiChoice,
} from '../../../shared/contract/mail-apis';
import {
  walkthroughProgressSchema,
  type WalkthroughProgress,
} from '../../../shared/contract/walkthrough';
import {
  incomingSettingsSchema,
  type IncomingSettings,
} from '../../../shared/settings/incoming-settings';
import {
  defaultNetworkSettings,
  networkSettingsSchema,
  type NetworkSettings,
} from '../../../shared/settings/network';
import {
  systemSettingsSchema,
  type SystemSettings,
} from '../../../shared/settings/system-settings';
import {
  defaultSettingsDocument,
  environmentOfOlderFile,
  environmentSectionSchema,
  parseSettingsFile,
  type EnvironmentSection,
  type SettingsDocument,
} from './settings-document';
import { PRIVATE_FILE_MODE, makeFolderPrivate } from '../base/private-folder';
import type { SecretRefs } from '../keychain/versioned-vault';

/**
 * What the store needs from conf or electron-store (which extends conf): the file's path and the
 * whole document, read and written at once. Writes are atomic (conf writes through `atomically`).
 */
export interface SettingsBacking {
  readonly path: string;
  store: Record<string, unknown>;
}

/**
 * Opens the backing for `<dir>/<name>.json`. Inside Electron, main passes
 * `({ dir, name }) => new ElectronStore({ cwd: dir, name })`; everywhere else conf is used.
 */
export type BackingFactory = (options: { dir: string; name: string }) => SettingsBacking;

export const confBacking: BackingFactory = ({ dir, name }) =>
  new Conf<Record<string, unknown>>({
    cwd: dir,
    configName: name,
    configFileMode: PRIVATE_FILE_MODE,
  });

export interface SettingsStore extends SecretRefs {
  readonly path: string;
  getSystem(): SystemSettings;
  /** Throws AppError('storage-failed') when the file cannot be written; nothing changes then. */
  setSystem(settings: SystemSettings): void;
  getEnvironment(): EnvironmentSection;
  /** Throws AppError('storage-failed') like setSystem. */
  setEnvironment(section: EnvironmentSection): void;
  /** Settings for incoming e-mail; undefined until first saved. */
  getIncoming(): IncomingSettings | undefined;
  /** Throws AppError('storage-failed') like setSystem. */
  setIncoming(settings: IncomingSettings): void;
  /** The walkthrough's ticked steps; none until one is ticked. */
  getWalkthrough(): WalkthroughProgress;
  /** Throws AppError('storage-failed') like setSystem. */
  setWalkthrough(progress: WalkthroughProgress): void;
  /** The last Send through and Validate through; EWS for both until one is chosen. */
  getMailApis(): MailApiChoice;
  /** Throws AppError('storage-failed') like setSystem. */
  setMailApis(choice: MailApiChoice): void;
  /** The Network procedure's form; the system's proxy until first saved. */
  getNetwork(): NetworkSettings;
  /** Throws AppError('storage-failed') like setSystem. */
  setNetwork(settings: NetworkSettings): void;
  /** Several sections in one atomic write: all of them change or none (throws like setSystem). */
  setSections(sections: StoredSections): void;
  /** Messages the user must see once (e.g. a corrupt file that was moved aside); then cleared. */
  takeNotices(): string[];
  /** Adds a message for the next takeNotices (System settings shows it once). */
  notify(message: string): void;
}

/** The sections a change across procedures writes together. */
export type StoredSections = Partial<Pick<SettingsDocument, 'system' | 'incoming' | 'environment'>>;

export interface SettingsStoreOptions {
  dir: string;
  createBacking?: BackingFactory;
  now?: () => Date;
  /** Hears every notice as it is raised (the app log keeps them; the screen takes them once). */
  onNotice?: (message: string) => void;
}

const SETTINGS_NAME = 'settings';

const errorCode = (error: unknown): string =>
  error instanceof Error && 'code' in error && typeof error.code === 'string'
    ? error.code
    : 'unknown error';

/** Colons are replaced because Windows does not allow them in file names. */
const backupPathFor = (file: string, at: Date): string =>
  path.join(
    path.dirname(file),
    `${SETTINGS_NAME}.corrupt-${at.toISOString().replaceAll(':', '-')}.json`,
  );

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw new AppError(
      'storage-failed',
      `The settings file ${file} could not be read (${errorCode(error)}).`,
    );
  }
}

/**
 * Reads the file before conf sees it: conf either throws on a bad file or, with
 * `clearInvalidConfig`, deletes it. A file that cannot be used is renamed aside (its bytes kept) and
 * defaults are used; opening never writes the settings themselves.
 */
function loadDocument(file: string, now: () => Date, notices: string[]): SettingsDocument {
  const text = readText(file);
  if (text === undefined) return defaultSettingsDocument();
  const parsed = parseSettingsFile(text);
  if (parsed.ok) return parsed.document;

  const backup = backupPathFor(file, now());
  try {
    fs.renameSync(file, backup);
    notices.push(
      `The settings file could not be used because ${parsed.reason}. It was moved aside to ${backup} and the default settings were loaded.`,
    );
  } catch (error) {
    notices.push(
      `The settings file ${file} could not be used because ${parsed.reason}, and it could not be moved aside (${errorCode(error)}). The default settings were loaded; saving will replace that file, so copy it first if you need it.`,
    );
  }
  // Not a first run: the Demo prefill must not overwrite the keychain entries of the settings
  // that were set aside, which the user may still restore from the backup.
  const defaults = defaultSettingsDocument();
  return { ...defaults, environment: { name: 'demo', demoPrefilled: true } };
}

/** conf writes atomically: a failed write leaves the file as it was (AppError 'storage-failed'). */
function storeDocument(backing: SettingsBacking, document: SettingsDocument): void {
  try {
    backing.store = document;
  } catch (error) {
    throw new AppError(
      'storage-failed',
      `The settings could not be written to ${backing.path} (${errorCode(error)}).`,
    );
  }
}

/** The document with each given section checked and put in. */
const withSections = (
  document: SettingsDocument,
  { system, incoming, environment }: StoredSections,
): SettingsDocument => ({
  ...document,
  ...(system ? { system: systemSettingsSchema.parse(system) } : {}),
  ...(incoming ? { incoming: incomingSettingsSchema.parse(incoming) } : {}),
  ...(environment ? { environment: environmentSectionSchema.parse(environment) } : {}),
});

/**
 * Synchronous, as conf and electron-store are. Never fails on the file's content (see
 * loadDocument); throws AppError('storage-failed') only when the file exists but cannot be read.
 */
export function openSettingsStore(options: SettingsStoreOptions): SettingsStore {
  const { dir, createBacking = confBacking, now = () => new Date(), onNotice } = options;
  const file = path.join(dir, `${SETTINGS_NAME}.json`);
  makeFolderPrivate(dir);
  let notices: string[] = [];
  let document = loadDocument(file, now, notices);
  notices.forEach((message) => onNotice?.(message));
  const backing = createBacking({ dir, name: SETTINGS_NAME });

  /** Set while a save commits its secrets: the one write it makes carries them too. */
  let pendingRefs: Record<string, string> | undefined;
  const write = (update: SettingsDocument) => {
    const next = pendingRefs ? { ...update, secretRefs: pendingRefs } : update;
    pendingRefs = undefined;
    storeDocument(backing, next);
    document = next;
  };

  return {
    path: backing.path,
    getSystem: () => ({ ...document.system }),
    setSystem: (settings) => write({ ...document, system: systemSettingsSchema.parse(settings) }),
    getEnvironment: () => ({ ...(document.environment ?? environmentOfOlderFile) }),
    setEnvironment: (section) =>
      write({ ...document, environment: environmentSectionSchema.parse(section) }),
    // A deep copy (the section nests accounts), so callers cannot change the stored value.
    getIncoming: () => (document.incoming ? structuredClone(document.incoming) : undefined),
    setIncoming: (settings) =>
      write({ ...document, incoming: incomingSettingsSchema.parse(settings) }),
    getWalkthrough: () => ({ done: [...(document.walkthrough?.done ?? [])] }),
    setWalkthrough: (progress) =>
      write({ ...document, walkthrough: walkthroughProgressSchema.parse(progress) }),
    getMailApis: () => ({ ...(document.mailApis ?? defaultMailApiChoice) }),
    setMailApis: (choice) => write({ ...document, mailApis: mailApiChoiceSchema.parse(choice) }),
    getNetwork: () => ({ ...(document.network ?? defaultNetworkSettings) }),
    setNetwork: (settings) =>
      write({ ...document, network: networkSettingsSchema.parse(settings) }),
    setSections: (sections) => write(withSections(document, sections)),
    takeNotices: () => {
      const taken = notices;
      notices = [];
      return taken;
    },
    notify: (message) => {
      notices.push(message);
      onNotice?.(message);
    },
    getSecretRefs: () => ({ ...document.secretRefs }),
    commitSecretRefs: (refs, commit) => {
      pendingRefs = { ...refs };
      try {
        commit();
        // A save of secrets alone writes nothing else: the references are written by themselves.
        if (pendingRefs) write(document);
      } finally {
        pendingRefs = undefined;
      }
    },
  };
}
