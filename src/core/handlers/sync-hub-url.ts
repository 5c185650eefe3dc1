import { CodedError } from '../../shared/errors';
import type { Principal } from '../auth/principal';
import type { SyncCredentials } from '../sync/sync-credentials';

export class SyncHubRefusedError extends CodedError {
  constructor(hubUrl: string) {
    super('sync.hub-refused', `Only the hub this workstation is enrolled with may be named, not ${hubUrl}`, { hubUrl });
  }
}

const bare = (url: string) => url.trim().replace(/\/+$/, '');

/**
 * The hub a call names, when it may: the local operator (the command line) may reach the enrolled hub at
 * another address; a signed-in caller only at the enrolled one, since the workstation's credential goes with the request.
 */
export function hubUrlFor(caller: Principal, hubUrl: string | undefined, enrolled: SyncCredentials | undefined): string | undefined {
  if (hubUrl === undefined || caller.kind === 'system') return hubUrl;
  if (!enrolled || bare(enrolled.hubUrl) !== bare(hubUrl)) throw new SyncHubRefusedError(hubUrl);
  return hubUrl;
}
