import { join } from 'node:path';
import type { DataKey } from '../security/data-key';
import { ArchiveQcRepository } from './archive-qc-repository';
import { ArchiveRepository } from './archive-repository';
import { AuditRepository } from './audit-repository';
import { AuditSubjectQueries } from './audit-subject-queries';
import { FileBlobStore, type BlobStore } from './blob-store';
import { databaseState, openDatabase, type Db } from './database';
import { keyIdOf } from '../security/key-file';
import { refusePlainDatabase } from '../security/plain-database';
import { DeskRepository } from './desk-repository';
import { DocumentRepository } from './document-repository';
import { DossierRepository } from './dossier-repository';
import { JobRepository } from './job-repository';
import { OutboxRepository } from './outbox-repository';
import { PageRepository } from './page-repository';
import { ProcedureRepository } from './procedure-repository';
import { RecordRepository } from './record-repository';
import { ResultRepository } from './result-repository';
import { SearchIndex } from './search-index';
import { SettingsRepository } from './settings-repository';
import { storeCounts, type StoreCounts } from './status-queries';
import { SummaryRepository } from './summary-repository';
import { IndicatorRepository } from './indicator-repository';
import { copyDatabaseInto } from './database-copy';
import { storeVersion } from './store-version';
import { TimestampPendingRepository } from './timestamp-pending-repository';
import { UserRepository } from './user-repository';
import { WorkstationRepository } from './workstation-repository';

/** Everything the engine keeps on the workstation: the database, its repositories and the blobs. */
export interface Store {
  dataDir: string;
  db: Db;
  blobs: BlobStore;
  procedures: ProcedureRepository;
  dossiers: DossierRepository;
  pages: PageRepository;
  documents: DocumentRepository;
  records: RecordRepository;
  results: ResultRepository;
  desk: DeskRepository;
  archive: ArchiveRepository;
  archiveQc: ArchiveQcRepository;
  outbox: OutboxRepository;
  timestampsPending: TimestampPendingRepository;
  summaries: SummaryRepository;
  /** The dashboard's figures (tiles, breakdowns, drill-downs, archive backlog). */
  indicators: IndicatorRepository;
  search: SearchIndex;
  jobs: JobRepository;
  audit: AuditRepository;
  auditSubjects: AuditSubjectQueries;
  settings: SettingsRepository;
  workstations: WorkstationRepository;
  users: UserRepository;
  /**
   * Runs `fn` in one transaction and returns what it returns; a throw rolls it all back. A call inside
   * another becomes a savepoint, so a helper that needs a transaction may be called from one.
   */
  transaction<T>(fn: () => T): T;
  /** Moves at every write, from this connection or another (see storeVersion). */
  changeMark(): string;
  /** How many dossiers, documents, pages and records the store holds, by state. */
  counts(): StoreCounts;
  /** A consistent copy of the database, under the same key, into a new file (see copyDatabaseInto). */
  copyDatabaseInto(file: string): void;
  /** False once the store is closed: a long task between two steps stops there. */
  isOpen(): boolean;
  close(): void;
}

/**
 * Opens the store with its data key. A database in clear is refused (see refusePlainDatabase) unless
 * `sohoa store encrypt` adopts it: then the blobs are encrypted (each one atomically), then the
 * database, so an interrupted upgrade is simply done again.
 */
export function openStore(dataDir: string, key: DataKey, options: { adoptPlainDatabase?: boolean } = {}): Store {
  if (!options.adoptPlainDatabase) refusePlainDatabase(dataDir);
  const blobs = new FileBlobStore(join(dataDir, 'blobs'), key);
  if (databaseState(dataDir) === 'plain') blobs.encryptPlainFiles();
  const db = openDatabase(dataDir, key);
  // The folder now holds an encrypted database: its key-id marks it so, whatever key file is used.
  keyIdOf(dataDir, true);
  return {
    dataDir,
    db,
    blobs,
    procedures: new ProcedureRepository(db),
    dossiers: new DossierRepository(db),
    pages: new PageRepository(db),
    documents: new DocumentRepository(db),
    records: new RecordRepository(db),
    results: new ResultRepository(db),
    desk: new DeskRepository(db),
    archive: new ArchiveRepository(db),
    archiveQc: new ArchiveQcRepository(db),
    outbox: new OutboxRepository(db),
    timestampsPending: new TimestampPendingRepository(db),
    summaries: new SummaryRepository(db),
    indicators: new IndicatorRepository(db),
    search: new SearchIndex(db),
    jobs: new JobRepository(db),
    audit: new AuditRepository(db),
    auditSubjects: new AuditSubjectQueries(db),
    settings: new SettingsRepository(db),
    workstations: new WorkstationRepository(db),
    users: new UserRepository(db),
    transaction: (fn) => db.transaction(fn)(),
    changeMark: () => storeVersion(db),
    counts: () => storeCounts(db),
    copyDatabaseInto: (file) => copyDatabaseInto(db, file),
    isOpen: () => db.open,
    close: () => db.close(),
  };
}
