/** What the app says of itself (app.info, the support bundle). */
export interface AppInfo {
  name: string;
  version: string;
  transport: 'electron' | 'browser';
  settingsFile: string;
}
