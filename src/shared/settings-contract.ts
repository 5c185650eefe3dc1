/** Input schemas of the settings methods (see contract.ts); each value is checked against src/shared/settings-schema.ts by the engine. */
import { z } from 'zod';

const key = z.string().trim().min(1, 'required').max(100, 'too-long');

export const SettingsGetInput = z.object({ key });
/** Several changes saved together (a section of the Settings page): all of them, or none. */
export const SettingsSetInput = z.object({
  changes: z
    .array(z.object({ key, value: z.unknown() }))
    .min(1, 'required')
    .max(50, 'too-long'),
});
