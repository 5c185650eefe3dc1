import type { AuditEntry } from '../../shared/auth-types';
import type { EngineHandlers, ParsedInput } from '../../shared/contract';
import { auditCsv } from '../audit/audit-csv';
import { AUDIT_SUBJECT_SOURCES, type SubjectSource } from '../audit/audit-subject-kinds';
import { resolveAuditSubjects } from '../audit/audit-subjects';
import { redactAuditDetails, seesPersonalData } from '../auth/personal-data';
import type { AuditFilter, AuditRow } from '../store/audit-repository';
import { AuditSubjectQueries } from '../store/audit-subject-queries';
import type { ServiceContext } from './handler-context';

type AuditMethod = 'audit.list' | 'audit.export';

const actionsWith = (source: SubjectSource) =>
  Object.entries(AUDIT_SUBJECT_SOURCES).flatMap(([action, s]) => (s === source ? [action] : []));
/** The actions whose subject is an id: text typed in the filter finds them by their dossier's code. */
const SUBJECT_IDS = { dossier: actionsWith('dossier-id'), document: actionsWith('document-id'), page: actionsWith('page-id') };

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();

/** The contract's filter (whole days, inclusive) as the repository's (instants, `until` exclusive). */
function toFilter(f: Omit<ParsedInput<'audit.list'>, 'limit' | 'offset'>): AuditFilter {
  return {
    from: f.from ? `${f.from}T00:00:00.000Z` : undefined,
    until: f.to ? nextDay(f.to) : undefined,
    actor: f.actor || undefined,
    action: f.action || undefined,
    subject: f.text || undefined,
    subjectIds: SUBJECT_IDS,
  };
}

/** One page of events as entries, their subjects named (one query per kind of subject for the whole page). */
function toEntries(queries: AuditSubjectQueries, rows: AuditRow[]): AuditEntry[] {
  const entries = rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    workstationId: r.workstation_id,
    action: r.action,
    subject: r.subject,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
  const subjects = resolveAuditSubjects(queries, entries);
  return entries.map((e, i) => ({ ...e, subjectView: subjects[i] ?? null }));
}

function* withoutPersonalData(rows: Iterable<AuditRow>): IterableIterator<AuditRow> {
  for (const r of rows)
    yield { ...r, details: JSON.stringify(redactAuditDetails(r.action, JSON.parse(r.details) as Record<string, unknown>)) };
}

/**
 * Browsing and exporting the audit log (supervisors, administrators). An export is itself an audit
 * event. Roles without a need for personal data get details with numbers masked (the row hashes
 * then no longer match those details: `sohoa audit verify` checks the chain itself).
 */
export function auditHandlers(ctx: ServiceContext): Pick<EngineHandlers, AuditMethod> {
  const { store, audit } = ctx;
  const subjects = store.auditSubjects;
  return {
    'audit.list': ({ limit, offset, ...filter }) => {
      const { rows, total } = store.audit.list(toFilter(filter), limit, offset);
      return { items: toEntries(subjects, rows), total };
    },
    'audit.export': (filter) => {
      const matching = store.audit.iterateMatching(toFilter(filter));
      const { csv, rows } = auditCsv(seesPersonalData(ctx.caller()) ? matching : withoutPersonalData(matching));
      audit.append({ actor: ctx.actor, action: 'audit.export', details: { rows, filter } });
      return { rows, csv };
    },
  };
}
