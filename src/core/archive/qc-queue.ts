import type { QcItem } from '../../shared/batch-report';
import type { QcPageRow } from '../store/archive-qc-repository';
import type { Store } from '../store/store';

/** Below this mean word confidence (0–100) a page's text is looked at by a person. */
export const LOW_CONFIDENCE = 60;

export type { QcItem };

/** Why a page needs a look: failed, blank, unreadable, low OCR confidence, low dpi and the other clean-up flags. */
export function pageReasons(p: Pick<QcPageRow, 'state' | 'blank' | 'confidence' | 'flags'>): string[] {
  const reasons = new Set<string>();
  if (p.state === 'failed') reasons.add('failed');
  if (p.blank) reasons.add('blank');
  for (const f of JSON.parse(p.flags) as string[]) reasons.add(f);
  if (p.state === 'read' && !p.blank && !reasons.has('unreadable') && p.confidence !== null && p.confidence < LOW_CONFIDENCE)
    reasons.add('low-confidence');
  return [...reasons];
}

/** The batch's QC queue: flagged pages, then dossiers with reconciliation flags, then register rows with no dossier. */
export function qcQueue(store: Pick<Store, 'archiveQc'>, batchId: number): QcItem[] {
  const qc = store.archiveQc;
  const pages = qc.pages(batchId);
  const items: QcItem[] = [];
  for (const p of pages) {
    const reasons = pageReasons(p);
    if (reasons.length)
      items.push({
        kind: 'page',
        dossierId: p.dossierId,
        dossierCode: p.dossierCode,
        box: p.box ?? '',
        archiveNumber: p.archiveNumber ?? '',
        pageId: p.pageId,
        source: p.source,
        reasons,
        approved: p.approved !== null,
      });
  }
  const flags = qc.flags(batchId);
  const byDossier = new Map<string, QcItem>();
  for (const f of flags) {
    const key = f.dossierId === null ? `row:${f.box}/${f.archiveNumber}` : `d:${f.dossierId}`;
    const known = byDossier.get(key);
    if (known) known.reasons.push(f.kind);
    else {
      const item: QcItem = {
        kind: f.dossierId === null ? 'register-row' : 'dossier',
        dossierId: f.dossierId,
        dossierCode: f.dossierCode,
        box: f.box,
        archiveNumber: f.archiveNumber,
        pageId: null,
        source: null,
        reasons: [f.kind],
        approved: f.approved !== null,
      };
      byDossier.set(key, item);
      items.push(item);
    }
  }
  return items;
}

/**
 * Approves dossiers of the batch at QC: the given ones (after a look), or with `clean` every one
 * with nothing in the queue. Returns the dossier ids approved now.
 */
export function approveDossiers(
  store: Pick<Store, 'archiveQc' | 'transaction'>,
  batchId: number,
  by: string,
  which: { dossierIds: number[] } | 'clean',
): number[] {
  return store.transaction(() => {
    const qc = store.archiveQc;
    const open = qc.unapproved(batchId);
    let chosen: number[];
    if (which === 'clean') {
      const flagged = new Set(qcQueue(store, batchId).map((i) => i.dossierId));
      chosen = open.filter((id) => !flagged.has(id));
    } else chosen = open.filter((id) => which.dossierIds.includes(id));
    qc.approve(batchId, chosen, by, new Date().toISOString());
    return chosen;
  });
}
