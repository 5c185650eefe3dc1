import { CodedError } from '../../shared/errors';
import type { BagProblem } from './bag-validator';

export class BagInvalidError extends CodedError {
  constructor(
    dir: string,
    readonly problems: BagProblem[],
  ) {
    super(
      'bag.invalid',
      `The bag ${dir} is incomplete or fails fixity: ${problems
        .slice(0, 3)
        .map((p) => `${p.code} ${p.path ?? ''}`.trim())
        .join('; ')}`,
      { dir, problems: problems.slice(0, 50) },
    );
  }
}

export class BagTargetExistsError extends CodedError {
  constructor(dir: string) {
    super('bag.target-exists', `${dir} already exists; choose a new folder for the bag`, { dir });
  }
}

export class NothingToExportError extends CodedError {
  constructor() {
    super('bag.nothing-to-export', 'No records match: nothing to put in a bag');
  }
}

/** A zipped bag refused before anything in it is used: a limit would be exceeded, or an entry is unsafe or unreadable. */
export class BagArchiveRefusedError extends CodedError {
  constructor(
    code: 'bag.zip-too-large' | 'bag.zip-too-many-entries' | 'bag.zip-bomb' | 'bag.zip-unsafe-entry' | 'bag.zip-corrupt',
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(code, message, details);
  }
}
