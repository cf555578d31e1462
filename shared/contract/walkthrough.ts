import { z } from 'zod';
import { method } from './define';

/**
 * The walkthrough's ticked steps, by step key (`flow:section:number`). Kept in the settings file
 * beside the settings, so they outlive a reload and a restart of either host, whose page origin
 * (and so its local storage) changes with the port. Nothing secret.
 */
export const walkthroughProgressSchema = z.object({
  done: z.array(z.string().regex(/^[\w-]+:[\w-]+:\d{1,3}$/)).max(500),
});
export type WalkthroughProgress = z.infer<typeof walkthroughProgressSchema>;

export const walkthroughMethods = {
  'walkthrough.getProgress': method(z.object({}), walkthroughProgressSchema),
  /** Replaces the ticks with `done`; answers them as stored. */
  'walkthrough.setProgress': method(walkthroughProgressSchema, walkthroughProgressSchema),
};
