/** An error as it crosses a process boundary: data, never a thrown object. */
export interface ErrorData {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * Base of every error the engine raises on purpose. `code` is stable and is what the UI
 * maps to Vietnamese or English text; `message` is English, for logs and the CLI.
 */
export class CodedError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }

  toData(): ErrorData {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export function isErrorData(value: unknown): value is ErrorData {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorData).code === 'string' &&
    typeof (value as ErrorData).message === 'string'
  );
}
