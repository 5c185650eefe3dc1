import { PAGE_LABELS, type PageId } from '../app/pages';
import { useT } from '../i18n/i18n-context';

/** The main navigation: the pages the signed-in role can use; the current page is marked for assistive technology too. */
export function Nav({ pages, current, onNavigate }: { pages: readonly PageId[]; current: PageId; onNavigate: (page: PageId) => void }) {
  const t = useT();
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <ul>
        {pages.map((page) => (
          <li key={page}>
            <button
              type="button"
              className={`nav-item nav-item--${page}`}
              aria-current={page === current ? 'page' : undefined}
              onClick={() => onNavigate(page)}
            >
              {t(PAGE_LABELS[page])}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
