import { notYet } from '../not-yet';

export const batchCommand = notYet('batch', 'batch <folder> [--manifest register.csv|.xlsx] [--data-dir D]', 'back-digitize a folder of archive scans (resumable)');
