import { z } from 'zod';
import { mailApis } from '../settings/check-dialog';
import { values } from '../settings/system-settings';
import { method } from './define';

/**
 * The last Send through and Validate through chosen (SCREENS.md §2, §3: the last choice is
 * remembered). Kept in the settings file, like the walkthrough's ticks: the browser host's page
 * origin, and so its local storage, changes with its port at every start. Nothing secret.
 */
export const mailApiChoiceSchema = z.object({
  send: z.enum(values(mailApis)),
  validate: z.enum(values(mailApis)),
});
export type MailApiChoice = z.infer<typeof mailApiChoiceSchema>;

/** EWS, what the ERP uses, until the person picks Microsoft Graph. */
export const defaultMailApiChoice: MailApiChoice = { send: 'ews', validate: 'ews' };

export const mailApiMethods = {
  'mailApis.get': method(z.object({}), mailApiChoiceSchema),
  /** Keeps both choices; answers them as stored. */
  'mailApis.set': method(mailApiChoiceSchema, mailApiChoiceSchema),
};
