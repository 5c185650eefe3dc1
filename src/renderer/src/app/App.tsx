import { Nav } from '../components/Nav';
import { useT } from '../i18n/i18n-context';
import { PageView } from './PageView';
import { useNavigation } from './use-navigation';

export function App() {
  const t = useT();
  const { page, navigate, mainRef, skipToMain } = useNavigation();
  return (
    <div className="shell">
      <button type="button" className="skip-link" onClick={skipToMain}>
        {t('app.skipToContent')}
      </button>
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <span className="tagline">{t('app.tagline')}</span>
      </header>
      <Nav current={page} onNavigate={navigate} />
      <main id="main" ref={mainRef} tabIndex={-1} className="main">
        <PageView page={page} />
      </main>
    </div>
  );
}
