import { useState, type FormEvent } from 'react';
import type { IndicatorFilter } from '../../../../shared/indicators';
import { useDateText } from '../../hooks/use-date-text';
import { useT } from '../../i18n/i18n-context';

/** The date range and filters the figures are computed over; applied on submit. */
export function DashboardFilter({ onApply }: { onApply: (filter: IndicatorFilter) => void }) {
  const t = useT();
  const [draft, setDraft] = useState<Required<Pick<IndicatorFilter, 'from' | 'to' | 'procedureCode' | 'field' | 'clerk'>>>({
    from: '',
    to: '',
    procedureCode: '',
    field: '',
    clerk: '',
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(Object.fromEntries(Object.entries(draft).filter(([, v]) => v.trim() !== '')));
  };
  const input = (key: keyof typeof draft, label: string) => (
    <label className="dash-filter-field">
      {label}
      <input type="text" name={key} value={draft[key]} onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value }))} />
    </label>
  );
  return (
    <form className="dash-filter" aria-label={t('dash.filter')} onSubmit={submit}>
      <DateInput name="from" label={t('dash.from')} value={draft.from} onChange={(from) => setDraft((d) => ({ ...d, from }))} />
      <DateInput name="to" label={t('dash.to')} value={draft.to} onChange={(to) => setDraft((d) => ({ ...d, to }))} />
      {input('procedureCode', t('dash.procedure'))}
      {input('field', t('dash.field'))}
      {input('clerk', t('dash.clerk'))}
      <button type="submit">{t('dash.apply')}</button>
    </form>
  );
}

function DateInput({ name, label, value, onChange }: { name: string; label: string; value: string; onChange(value: string): void }) {
  const date = useDateText(value, onChange);
  return (
    <label className="dash-filter-field">
      {label}
      <input
        name={name}
        type={date.type}
        inputMode={date.inputMode}
        placeholder={date.placeholder}
        value={date.value}
        onChange={(e) => date.onChange(e.target.value)}
      />
    </label>
  );
}
