import { useState } from 'react';
import { useEngine } from '../engine/engine-context';
import { useEngineQuery } from './use-engine-query';

export interface AuditFilterForm {
  from: string;
  to: string;
  actor: string;
  action: string;
  text: string;
}

export const AUDIT_PAGE_SIZE = 50;

const toInput = (f: AuditFilterForm) => ({
  from: f.from || undefined,
  to: f.to || undefined,
  actor: f.actor.trim() || undefined,
  action: f.action || undefined,
  text: f.text.trim() || undefined,
});

/** The audit log as the supervisor browses it: the filter applied, the page shown, and the CSV export. */
export function useAuditLog() {
  const api = useEngine();
  const [applied, setApplied] = useState<AuditFilterForm>({ from: '', to: '', actor: '', action: '', text: '' });
  const [offset, setOffset] = useState(0);
  const query = useEngineQuery(() => api['audit.list']({ ...toInput(applied), limit: AUDIT_PAGE_SIZE, offset }), [api, applied, offset]);
  const apply = (filter: AuditFilterForm) => {
    setApplied(filter);
    setOffset(0);
  };
  const exportCsv = () => api['audit.export'](toInput(applied));
  return { query, applied, apply, offset, setOffset, exportCsv };
}
