import { useEffect, useState } from 'react';
import type { ReceiptSheet } from '../../../../shared/receipt-sheet';
import { useEngine } from '../../engine/engine-context';
import { useEngineAction } from '../../hooks/use-engine-action';
import { useT } from '../../i18n/i18n-context';
import { ErrorNotice } from './ErrorNotice';
import { ReceiptPrintDialog } from './ReceiptPrintDialog';

/** Makes the citizen's receipt (giấy biên nhận): a print dialog (what to print, then the system's printer) and its PDF. */
export function ReceiptButton({ dossierId, code }: { dossierId: number; code: string }) {
  const t = useT();
  const api = useEngine();
  const [made, setMade] = useState<{ url: string; sheet: ReceiptSheet } | null>(null);
  const action = useEngineAction();
  useEffect(
    () => () => {
      if (made) URL.revokeObjectURL(made.url);
    },
    [made],
  );
  const make = async () => {
    const r = await action.run(() => api['dossier.receipt']({ id: dossierId }));
    if (!r) return;
    const bytes = Uint8Array.from(atob(r.pdfBase64), (c) => c.charCodeAt(0));
    setMade({ url: URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' })), sheet: r.sheet });
  };
  return (
    <span className="receipt">
      <button type="button" className="small" onClick={() => void make()} disabled={action.busy}>
        {t('receipt.make')}
      </button>
      {made && <ReceiptPrintDialog sheet={made.sheet} pdfUrl={made.url} fileName={`bien-nhan-${code}.pdf`} onClose={() => setMade(null)} />}
      <ErrorNotice error={action.error} />
    </span>
  );
}
