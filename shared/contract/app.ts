import { z } from 'zod';
import { method } from './define';

export const transports = ['electron', 'browser'] as const;

export const appMethods = {
  'app.info': method(
    z.object({}),
    z.object({
      name: z.string(),
      version: z.string(),
      transport: z.enum(transports),
      settingsFile: z.string(),
    }),
  ),
};
