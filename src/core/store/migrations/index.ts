/**
 * The schema migrations, one file each (NNNN-what-it-does.ts), listed here in version order: 1, 2, 3…
 * with no gap, each applied once, in its own transaction, at start. Never edit a migration that has
 * shipped: add the next number as a new file and list it last (docs/ARCHITECTURE.md, "Store").
 * A test checks that every file is listed, in order, and that the versions have no gap.
 */
import type { Migration } from './migration';
import { migration as m0001 } from './0001-initial-schema';
import { migration as m0002 } from './0002-full-text-search';
import { migration as m0003 } from './0003-sync';
import { migration as m0004 } from './0004-page-pipeline-state';
import { migration as m0005 } from './0005-field-corrections';
import { migration as m0006 } from './0006-archive-batches';
import { migration as m0007 } from './0007-sign-in-lockout-and-deletion';
import { migration as m0008 } from './0008-none';
import { migration as m0009 } from './0009-scan-profile';
import { migration as m0010 } from './0010-archive-separation-and-qc';
import { migration as m0011 } from './0011-finalized-at-and-indicator-indexes';
import { migration as m0012 } from './0012-none';
import { migration as m0013 } from './0013-dashboard-indexes';
import { migration as m0014 } from './0014-none';
import { migration as m0015 } from './0015-page-preview';
import { migration as m0016 } from './0016-batch-reopens-on-new-page';
import { migration as m0017 } from './0017-none';
import { migration as m0018 } from './0018-agency-identity';
import { migration as m0019 } from './0019-hand-back';
import { migration as m0020 } from './0020-register-sheet';
import { migration as m0021 } from './0021-register-result-kind';
import { migration as m0022 } from './0022-register-issuing-agency';
import { migration as m0023 } from './0023-dashboard-summaries';
import { migration as m0024 } from './0024-repair-missed-archive-separation-and-qc';
import { migration as m0025 } from './0025-timestamp-pending';
import { migration as m0026 } from './0026-job-group-and-hold';
import { migration as m0027 } from './0027-result-timestamped-by-sohoa';
import { migration as m0028 } from './0028-dossier-day-summary';

export type { Migration } from './migration';

export const migrations: readonly Migration[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0008,
  m0009,
  m0010,
  m0011,
  m0012,
  m0013,
  m0014,
  m0015,
  m0016,
  m0017,
  m0018,
  m0019,
  m0020,
  m0021,
  m0022,
  m0023,
  m0024,
  m0025,
  m0026,
  m0027,
  m0028,
];
