import type { SettingsRepository } from '../store/settings-repository';

/** What the workstation keeps (in the store's `setting` table) to talk to its hub. */
export interface SyncCredentials {
  hubUrl: string;
  token: string;
  workstationId: string;
}

const KEYS = { hubUrl: 'sync.hub-url', token: 'sync.token', workstationId: 'sync.hub-workstation-id' } as const;

export function readSyncCredentials(settings: SettingsRepository): SyncCredentials | undefined {
  const hubUrl = settings.get(KEYS.hubUrl);
  const token = settings.get(KEYS.token);
  const workstationId = settings.get(KEYS.workstationId);
  return hubUrl && token && workstationId ? { hubUrl, token, workstationId } : undefined;
}

export function saveSyncCredentials(settings: SettingsRepository, credentials: SyncCredentials): void {
  settings.set(KEYS.hubUrl, credentials.hubUrl);
  settings.set(KEYS.token, credentials.token);
  settings.set(KEYS.workstationId, credentials.workstationId);
}
