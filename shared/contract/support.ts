import { z } from 'zod';
import { method } from './define';

export const supportMethods = {
  /**
   * One JSON file for support: app version, environment, OS, both procedures' settings (each
   * secret only as "stored" or "not stored"), the Test log and the app log's end.
   */
  'support.exportBundle': method(
    z.object({}),
    z.object({ fileName: z.string(), json: z.string() }),
  ),
};
