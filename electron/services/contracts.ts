import type { z } from 'zod';
import type { settingsMethods } from '../../shared/contract/settings';
import type { SystemSettingsView } from '../../shared/contract/settings';
import type { Environment, EnvironmentView } from '../../shared/contract/environment';
import type { TestLogEntry, TestLogFilter } from '../../shared/contract/test-log';
import type { SecretWrite } from './keychain/secret-transaction';

/**
 * The seams between the handler table and the services behind it. Each service module
 * implements one of these; tests pass in-memory ones.
 */

/** The OS keychain. Only main reads a secret back, and only to use it. */
export interface SecretVault {
  set(account: string, value: string): Promise<void>;
  clear(account: string): Promise<void>;
  isSet(account: string): Promise<boolean>;
  read(account: string): Promise<string | undefined>;
  /** The names of the stored accounts that start with `prefix`, sorted; never their secrets. */
  accounts(prefix: string): Promise<string[]>;
  /**
   * Whether the keychain is locked: its secrets are there but cannot be read or changed (every
   * call but isSet then fails with AppError 'keychain-locked'). Vaults that never lock leave it out.
   */
  locked?(): Promise<boolean>;
  /**
   * Writes `writes` and runs `commit` (the settings file) as one crash-safe save; a vault that
   * offers it versions its entries (versioned-vault.ts). Others are written one by one.
   */
  transact?(writes: readonly SecretWrite[], commit: () => void): Promise<void>;
  /**
   * Which version of the secret is stored: changes with every save of it, and says nothing about
   * the secret itself. Vaults without versions leave it out.
   */
  version?(account: string): string;
}

export type SystemSettingsSaveInput = z.output<
  (typeof settingsMethods)['systemSettings.save']['input']
>;
export type SystemSettingsSaveResult = z.input<
  (typeof settingsMethods)['systemSettings.save']['output']
>;

export interface SystemSettingsService {
  load(): Promise<SystemSettingsView>;
  /** Validates again (main never trusts the UI), then writes secrets and values together or not at all. */
  save(input: SystemSettingsSaveInput): Promise<SystemSettingsSaveResult>;
}

export interface AppInfo {
  name: string;
  version: string;
  transport: 'electron' | 'browser';
  settingsFile: string;
}

/** The environment setting (Demo tenant / Microsoft 365) and what the UI shows for it. */
export interface EnvironmentService {
  get(): Promise<EnvironmentView>;
  set(environment: Environment): Promise<EnvironmentView>;
}

/** The Test log as the UI reads it. */
export interface TestLogService {
  list(filter: TestLogFilter): Promise<TestLogEntry[]>;
  export(filter: TestLogFilter): Promise<{ fileName: string; json: string }>;
}
