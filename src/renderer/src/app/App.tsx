import { useSignedIn } from '../auth/auth-context';
import { UserBox } from '../auth/UserBox';
import { Nav } from '../components/Nav';
import { useT } from '../i18n/i18n-context';
import { DeskPage } from '../pages/DeskPage';
import { DeskOpenerContext } from './desk-opener';
import { PageView } from './PageView';
import { pagesFor } from './pages';
import { useNavigation } from './use-navigation';

export function App() {
  const t = useT();
  const { user } = useSignedIn();
  const pages = pagesFor(user.role);
  const { page, navigate, openDossier, openAtPage, openDesk, mainRef, skipToMain } = useNavigation(pages);
  return (
    <div className="shell">
      <button type="button" className="skip-link" onClick={skipToMain}>
        {t('app.skipToContent')}
      </button>
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <span className="tagline">{t('app.tagline')}</span>
        <UserBox />
      </header>
      <Nav pages={pages} current={page} onNavigate={navigate} />
      <main id="main" ref={mainRef} tabIndex={-1} className="main">
        <DeskOpenerContext.Provider value={openDesk}>
          {openDossier !== null ? (
            <DeskPage
              key={`${openDossier}:${openAtPage}`}
              dossierId={openDossier}
              initialPageId={openAtPage}
              onClose={() => openDesk(null)}
            />
          ) : (
            <PageView page={page} />
          )}
        </DeskOpenerContext.Provider>
      </main>
    </div>
  );
}
