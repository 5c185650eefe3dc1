import { notYet } from '../not-yet';

export const syncCommand = notYet('sync', 'sync --hub URL [--data-dir D]', 'send waiting records to the hub');
