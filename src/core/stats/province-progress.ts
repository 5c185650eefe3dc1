import { ProgressReport } from '../../shared/sync-protocol';
import type { ProvinceProgress } from '../../shared/indicators';
import type { SettingsRepository } from '../store/settings-repository';
import { readSyncCredentials } from '../sync/sync-credentials';

const CACHE_KEY = 'stats.hub-progress';

interface Cached {
  hubUrl: string;
  fetchedAt: string;
  report: ProgressReport;
}

export interface ProvinceProgressOptions {
  refresh: boolean;
  now?: () => Date;
  timeoutMs?: number;
}

function readCache(settings: SettingsRepository, hubUrl: string): Cached | undefined {
  const raw = settings.get(CACHE_KEY);
  if (!raw) return undefined;
  try {
    const cached = JSON.parse(raw) as Cached;
    return cached.hubUrl === hubUrl ? { ...cached, report: ProgressReport.parse(cached.report) } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The province-wide figures from the hub this workstation syncs with: fetched now when the hub
 * answers (and kept in the store with the time of the fetch), else the last ones kept, marked stale.
 */
export async function provinceProgress(settings: SettingsRepository, options: ProvinceProgressOptions): Promise<ProvinceProgress> {
  const credentials = readSyncCredentials(settings);
  if (!credentials) return { configured: false, fresh: false, fetchedAt: null, report: null, error: null };
  const cached = readCache(settings, credentials.hubUrl);
  const stale = (error: string | null): ProvinceProgress => ({
    configured: true,
    fresh: false,
    fetchedAt: cached?.fetchedAt ?? null,
    report: cached?.report ?? null,
    error,
  });
  if (!options.refresh) return stale(null);
  try {
    const response = await fetch(new URL('/progress', credentials.hubUrl), {
      headers: { authorization: `Bearer ${credentials.token}` },
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    });
    if (!response.ok) return stale(`hub answered ${response.status}`);
    const report = ProgressReport.parse(await response.json());
    const fetchedAt = (options.now ?? (() => new Date()))().toISOString();
    settings.set(CACHE_KEY, JSON.stringify({ hubUrl: credentials.hubUrl, fetchedAt, report } satisfies Cached));
    return { configured: true, fresh: true, fetchedAt, report, error: null };
  } catch (e) {
    return stale(e instanceof Error ? e.message : String(e));
  }
}
