/** Input schemas of the accounts, sign-in, audit and deletion methods (see contract.ts). */
import { z } from 'zod';
import { isIsoDate } from './dates';
import { ROLES } from './roles';

export const AUTH_PROBLEM = {
  username: 'username.invalid',
  passwordShort: 'password.short',
  /** Shorter than the `auth.password-min-length` setting asks. */
  passwordPolicy: 'password.policy',
} as const;

export const PASSWORD_MIN_LENGTH = 8;

const username = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'required')
  .refine((v) => /^[a-z0-9._-]{3,32}$/.test(v), AUTH_PROBLEM.username);
const displayName = z.string().trim().min(1, 'required').max(200, 'too-long');
const newPassword = z.string().min(PASSWORD_MIN_LENGTH, AUTH_PROBLEM.passwordShort).max(1000, 'too-long');
/** A password being checked: any length, so a short wrong one gets the same answer as any wrong one. */
const givenPassword = z.string().max(1000, 'too-long');
const role = z.enum(ROLES);
const userId = z.number().int().positive();
const isoDay = z.string().trim().refine(isIsoDate, 'date.invalid');

export const SetupAdminInput = z.object({ username, displayName, password: newPassword });
export const LoginInput = z.object({
  username: z.string().trim().toLowerCase().min(1, 'required').max(200, 'too-long'),
  password: givenPassword,
});
export const ResumeInput = z.object({ token: z.string().min(1).max(200) });
export const UnlockInput = z.object({ password: givenPassword });
export const SetPolicyInput = z.object({
  idleMinutes: z
    .number()
    .min(0.05)
    .max(24 * 60)
    .optional(),
  lockoutAttempts: z.number().int().min(1).max(100).optional(),
  lockoutMinutes: z
    .number()
    .min(1)
    .max(24 * 60)
    .optional(),
});
export const UserCreateInput = z.object({ username, displayName, role, password: newPassword });
export const UserSetRoleInput = z.object({ id: userId, role });
export const UserDisableInput = z.object({ id: userId, disabled: z.boolean().default(true) });
export const UserResetPasswordInput = z.object({ id: userId, password: newPassword });

export const AuditListInput = z.object({
  /** Inclusive days (YYYY-MM-DD, UTC). */
  from: isoDay.optional(),
  to: isoDay.optional(),
  actor: z.string().trim().max(200).optional(),
  /** One action, exactly (`user.create`); the UI offers them by their label. */
  action: z.string().trim().max(200).optional(),
  /** Text found anywhere in the subject (a dossier code, a user name, a folder); never in the details, which may be masked. */
  text: z.string().trim().max(200).optional(),
  limit: z.number().int().min(1).max(1000).default(100),
  offset: z.number().int().min(0).default(0),
});
/** The CSV comes back as text; the shell saves it where the user chooses. No destination path: the engine writes no file for a caller. */
export const AuditExportInput = AuditListInput.omit({ limit: true, offset: true }).strict();
export const DossierDeleteInput = z.object({ id: userId, reason: z.string().trim().min(1, 'required').max(1000, 'too-long') });
