import { expect } from 'vitest';
import { CodedError } from '../../src/shared/errors';

/** The code of the CodedError a promise rejects with, or 'no error'. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(CodedError);
    return (e as CodedError).code;
  }
  return 'no error';
}

/** The code of the CodedError `f` throws, or 'no error'. */
export function codeOfSync(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CodedError);
    return (e as CodedError).code;
  }
  return 'no error';
}
