import type { ZodError } from 'zod';
import { CodedError } from '../shared/errors';

export interface FieldProblem {
  field: string;
  problem: string;
}

const ENGLISH: Record<string, string> = {
  required: 'is required',
  'too-long': 'is too long',
  'cccd.invalid': 'is not a valid CCCD number (12 digits: province code, century/sex digit, birth year)',
  'date.invalid': 'is not a valid date (YYYY-MM-DD)',
  'date.order': 'is before the received date',
  'procedure.unknown': 'is not a procedure in the catalog',
  'phone.invalid': 'is not a phone number',
  'username.invalid': 'must be 3 to 32 letters a-z, digits, dot, dash or underscore',
  'password.short': 'must be at least 8 characters',
  'password.policy': 'is shorter than the password policy (auth.password-min-length) asks',
};

/** Invalid input at the engine's edge: names every field and its problem; nothing was changed. */
export class InputInvalidError extends CodedError {
  constructor(readonly problems: FieldProblem[]) {
    super('input.invalid', `Invalid input: ${problems.map((p) => `${p.field || 'input'} ${ENGLISH[p.problem] ?? p.problem}`).join('; ')}`, {
      issues: problems,
    });
  }

  static fromZod(error: ZodError): InputInvalidError {
    return new InputInvalidError(
      error.issues.map((i) => ({
        field: i.path.join('.'),
        problem: i.code === 'custom' || i.code === 'too_small' || i.code === 'too_big' ? i.message : i.code,
      })),
    );
  }
}

export class NotFoundError extends CodedError {
  constructor(what: string, id: number | string) {
    super(`${what}.not-found`, `No ${what} ${id}`, { id });
  }
}
