import { useOpenDesk } from '../app/desk-opener';
import { DossierList } from '../components/DossierList';
import { NewDossierForm } from '../components/NewDossierForm';
import { useDossierList } from '../hooks/use-dossier-list';
import { useT } from '../i18n/i18n-context';

export function IntakePage() {
  const t = useT();
  const list = useDossierList();
  const openDesk = useOpenDesk();
  return (
    <>
      <h1>{t('intake.title')}</h1>
      <div className="intake-layout">
        <NewDossierForm
          onCreated={(dossier) => {
            list.reload();
            // The citizen's papers are on the counter: capture starts at once.
            openDesk(dossier.id);
          }}
        />
        <DossierList list={list} />
      </div>
    </>
  );
}
