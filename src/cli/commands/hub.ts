import { notYet } from '../not-yet';

export const hubCommand = notYet('hub', 'hub --db postgres://… --blobs DIR [--port N]', 'run the central records hub');
