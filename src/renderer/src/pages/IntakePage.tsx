import { DossierList } from '../components/DossierList';
import { NewDossierForm } from '../components/NewDossierForm';
import { useDossierList } from '../hooks/use-dossier-list';
import { useT } from '../i18n/i18n-context';

export function IntakePage() {
  const t = useT();
  const list = useDossierList();
  return (
    <>
      <h1>{t('intake.title')}</h1>
      <div className="intake-layout">
        <NewDossierForm onCreated={list.reload} />
        <DossierList list={list} />
      </div>
    </>
  );
}
