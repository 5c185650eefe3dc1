import type { Role } from '../../shared/roles';

/**
 * Who makes a call: a signed-in user, or the engine's local operator (`system`: the command line
 * and in-process callers, who can already read the data directory). The audit log records `name`.
 */
export type Principal = { kind: 'user'; userId: number; name: string; role: Role } | { kind: 'system'; name: string };
