import { z } from 'zod';
import { method } from './define';
import { fieldErrorSchema } from '../settings/field-error';
import {
  incomingSecretChangesSchema,
  incomingSecretPresenceSchema,
  incomingSettingsFormSchema,
  incomingSettingsSchema,
} from '../settings/incoming-settings';

export const incomingSettingsViewSchema = z.object({
  settings: incomingSettingsSchema,
  /** Only whether each secret is stored; the secret itself never crosses. */
  secretsSet: incomingSecretPresenceSchema,
  /** Why the secrets' state could not be read (an unavailable keychain), to show on the screen. */
  notices: z.array(z.string()),
});
export type IncomingSettingsView = z.infer<typeof incomingSettingsViewSchema>;

export const incomingSettingsSaveSchema = z.object({
  form: incomingSettingsFormSchema,
  secrets: incomingSecretChangesSchema,
});

export const incomingSettingsMethods = {
  'incomingSettings.load': method(z.object({}), incomingSettingsViewSchema),
  'incomingSettings.save': method(
    incomingSettingsSaveSchema,
    z.discriminatedUnion('status', [
      z.object({ status: z.literal('saved'), view: incomingSettingsViewSchema }),
      z.object({ status: z.literal('invalid'), errors: z.array(fieldErrorSchema) }),
    ]),
  ),
};
