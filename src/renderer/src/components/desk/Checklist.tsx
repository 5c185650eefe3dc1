import { useId } from 'react';
import type { ChecklistItem } from '../../../../shared/types';
import { useT } from '../../i18n/i18n-context';

/** The procedure's components, ticked off as documents arrive for them. */
export function Checklist({ items, onAdd }: { items: ChecklistItem[]; onAdd: ((component: string) => void) | null }) {
  const t = useT();
  const titleId = useId();
  return (
    <section className="card checklist" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('desk.checklist')}</h2>
      {items.length === 0 && <p className="empty">{t('desk.checklistEmpty')}</p>}
      <ul>
        {items.map((item) => {
          const done = item.filled;
          return (
            <li key={item.component} className={done ? 'checklist-item checklist-item--done' : 'checklist-item'}>
              <span className="checklist-mark" aria-hidden="true">
                {done ? '✓' : '○'}
              </span>
              <span className="checklist-name">{item.component}</span>
              <span className="visually-hidden">{done ? t('desk.checklistDone') : t('desk.checklistMissing')}</span>
              {onAdd && (
                <button
                  type="button"
                  className="small"
                  onClick={() => onAdd(item.component)}
                  aria-label={t('desk.checklistAdd', { component: item.component })}
                  title={t('desk.checklistAdd', { component: item.component })}
                >
                  +
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
