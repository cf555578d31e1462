import type { NetworkSettings } from '../../../shared/settings/network';

/**
 * The Network procedure's setting as the seam reads it for each connection: the saved form and,
 * only when a proxy needs it, the password from the keychain (never kept beside the form).
 */
export interface AppProxySetting extends NetworkSettings {
  /** Reads the proxy password from the keychain; undefined when none is stored. */
  password(): Promise<string | undefined>;
}

/** Where the seam gets the setting in force; read per connection so a Save applies at once. */
export type AppProxySettingSource = () => Promise<AppProxySetting>;
