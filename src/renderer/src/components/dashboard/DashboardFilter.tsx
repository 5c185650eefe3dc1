import { useState, type FormEvent } from 'react';
import type { IndicatorFilter } from '../../../../shared/indicators';
import { useT } from '../../i18n/i18n-context';

/** The date range and filters the figures are computed over; applied on submit. */
export function DashboardFilter({ onApply }: { onApply: (filter: IndicatorFilter) => void }) {
  const t = useT();
  const [draft, setDraft] = useState<Required<Pick<IndicatorFilter, 'from' | 'to' | 'procedureCode' | 'field' | 'clerk'>>>({ from: '', to: '', procedureCode: '', field: '', clerk: '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(Object.fromEntries(Object.entries(draft).filter(([, v]) => v.trim() !== '')));
  };
  const input = (key: keyof typeof draft, label: string, type = 'text') => (
    <label className="dash-filter-field">
      {label}
      <input type={type} name={key} value={draft[key]} onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value }))} />
    </label>
  );
  return (
    <form className="dash-filter" aria-label={t('dash.filter')} onSubmit={submit}>
      {input('from', t('dash.from'), 'date')}
      {input('to', t('dash.to'), 'date')}
      {input('procedureCode', t('dash.procedure'))}
      {input('field', t('dash.field'))}
      {input('clerk', t('dash.clerk'))}
      <button type="submit">{t('dash.apply')}</button>
    </form>
  );
}
