import { notYet } from '../not-yet';

export const verifyCommand = notYet('verify', 'verify <file.pdf> [--json]', 'check a record\'s signature and integrity');
