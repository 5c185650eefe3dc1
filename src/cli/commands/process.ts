import { notYet } from '../not-yet';

export const processCommand = notYet('process', 'process <image...> --out <file.pdf> [--title T] [--sign <file.p12> --pass-env VAR]', 'clean, read and build a signed PDF/A record');
