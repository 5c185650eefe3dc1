import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EngineHandlers } from '../shared/contract';
import { AuditLog } from './audit/audit-log';
import { parseCatalogCsv } from './catalog/catalog-import';
import { EventBus } from './event-bus';
import { createHandlers } from './service';
import { openStore, type Store } from './store/store';
import type { Workstation } from './store/workstation-repository';

export interface EngineOptions {
  dataDir: string;
  actor?: string;
  /** Where resources/ is; the packaged app passes its own. */
  resourcesDir?: string;
}

export const DEFAULT_AGENCY = { name: 'Máy trạm một cửa', agencyCode: '000.00.00.H12', agencyName: 'Bộ phận Một cửa (chưa cấu hình)' };

export function defaultResourcesDir(): string {
  return fileURLToPath(new URL('../../resources', import.meta.url));
}

/** The engine in one process: the store, the audit log, events and the API handlers. */
export class Engine {
  readonly events = new EventBus();
  readonly audit: AuditLog;
  readonly handlers: EngineHandlers;
  readonly workstation: Workstation;

  private constructor(
    readonly store: Store,
    options: EngineOptions,
  ) {
    this.workstation = store.workstations.ensure(DEFAULT_AGENCY);
    this.audit = new AuditLog(store.audit, this.workstation.id);
    this.handlers = createHandlers({ store, audit: this.audit, events: this.events, workstation: this.workstation, actor: options.actor ?? 'local' });
  }

  static open(options: EngineOptions): Engine {
    const store = openStore(options.dataDir);
    const engine = new Engine(store, options);
    engine.seedSampleCatalog(options.resourcesDir ?? defaultResourcesDir());
    return engine;
  }

  /** A new store gets the sample catalog (marked as sample) so the desk can start; real catalogs are imported. */
  private seedSampleCatalog(resourcesDir: string): void {
    if (this.store.procedures.count() > 0) return;
    const file = `${resourcesDir}/catalog/sample-procedures.csv`;
    if (!existsSync(file)) return;
    const { procedures } = parseCatalogCsv(readFileSync(file, 'utf8'), true);
    this.store.procedures.upsertMany(procedures);
  }

  close(): void {
    this.store.close();
  }
}
