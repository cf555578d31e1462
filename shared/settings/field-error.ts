import { z } from 'zod';

/** One validation message, tied to the field it is about (a key, or `accounts.<id>.<column>`). */
export const fieldErrorSchema = z.object({ field: z.string(), message: z.string() });
export type FieldError = z.infer<typeof fieldErrorSchema>;
