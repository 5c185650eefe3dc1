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
