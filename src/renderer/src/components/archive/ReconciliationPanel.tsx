import { useId } from 'react';
import type { BatchQcView } from '../../../../shared/archive-types';
import { useT } from '../../i18n/i18n-context';

/** The batch against its register: registered, found, matched, count mismatches, and the registered dossiers not found. */
export function ReconciliationPanel({ view }: { view: BatchQcView }) {
  const t = useT();
  const id = useId();
  const r = view.batch.reconciliation;
  const figures: [string, number][] = [
    [t('archive.registered'), r.registered],
    [t('archive.found'), r.found],
    [t('archive.matched'), r.matched],
    [t('archive.mismatches'), r.countMismatches],
    [t('archive.missingCount'), r.missing],
    [t('archive.extraCount'), r.extra],
  ];
  return (
    <section className="card reconciliation" aria-labelledby={id}>
      <h2 id={id}>{t('archive.reconciliation')}</h2>
      <dl className="figures">
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {view.missing.length > 0 && (
        <>
          <h3>{t('archive.missingList')}</h3>
          <ul className="missing-list">
            {view.missing.map((m) => (
              <li key={`${m.box}/${m.archiveNumber}`}>
                {t('archive.missingItem', { box: m.box || '—', number: m.archiveNumber, title: m.title ?? '—', line: m.line ?? '—' })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
