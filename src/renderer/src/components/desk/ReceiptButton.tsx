import { useEffect, useState } from 'react';
import { useEngine } from '../../engine/engine-context';
import { useEngineAction } from '../../hooks/use-engine-action';
import { useT } from '../../i18n/i18n-context';
import { ErrorNotice } from './ErrorNotice';

/** Makes the citizen's receipt (giấy biên nhận) as a PDF to open or print. */
export function ReceiptButton({ dossierId, code }: { dossierId: number; code: string }) {
  const t = useT();
  const api = useEngine();
  const [url, setUrl] = useState<string | null>(null);
  const action = useEngineAction();
  useEffect(() => () => {
    if (url) URL.revokeObjectURL(url);
  }, [url]);
  const make = async () => {
    const r = await action.run(() => api['dossier.receipt']({ id: dossierId }));
    if (!r) return;
    const bytes = Uint8Array.from(atob(r.pdfBase64), (c) => c.charCodeAt(0));
    setUrl(URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' })));
  };
  return (
    <span className="receipt">
      <button type="button" className="small" onClick={() => void make()} disabled={action.busy}>
        {t('receipt.make')}
      </button>
      {url && (
        <a href={url} download={`bien-nhan-${code}.pdf`} target="_blank" rel="noreferrer">
          {t('receipt.open')}
        </a>
      )}
      <ErrorNotice error={action.error} />
    </span>
  );
}
