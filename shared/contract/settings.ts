import { z } from 'zod';
import { method } from './define';
import { fieldErrorSchema } from '../settings/field-error';
import { secretChangeSchema } from '../settings/secrets';
import {
  systemSecretKeys,
  systemSettingsFormSchema,
  systemSettingsSchema,
} from '../settings/system-settings';

const systemSecretPresenceSchema = z.object(
  Object.fromEntries(systemSecretKeys.map((k) => [k, z.boolean()])) as Record<
    (typeof systemSecretKeys)[number],
    z.ZodBoolean
  >,
);

export const systemSettingsViewSchema = z.object({
  settings: systemSettingsSchema,
  /** Only whether each secret is stored; the secret itself never crosses. */
  secretsSet: systemSecretPresenceSchema,
  /** One-time messages about the settings file, e.g. a corrupt file that was set aside. */
  notices: z.array(z.string()),
});
export type SystemSettingsView = z.infer<typeof systemSettingsViewSchema>;

export const systemSettingsSaveSchema = z.object({
  form: systemSettingsFormSchema,
  secrets: z.object(
    Object.fromEntries(systemSecretKeys.map((k) => [k, secretChangeSchema.optional()])) as Record<
      (typeof systemSecretKeys)[number],
      z.ZodOptional<typeof secretChangeSchema>
    >,
  ),
});

export const settingsMethods = {
  'systemSettings.load': method(z.object({}), systemSettingsViewSchema),
  'systemSettings.save': method(
    systemSettingsSaveSchema,
    z.discriminatedUnion('status', [
      z.object({ status: z.literal('saved'), view: systemSettingsViewSchema }),
      z.object({ status: z.literal('invalid'), errors: z.array(fieldErrorSchema) }),
    ]),
  ),
};
