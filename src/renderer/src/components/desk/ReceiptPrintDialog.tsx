import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { ReceiptSheet } from '../../../../shared/receipt-sheet';
import { useT } from '../../i18n/i18n-context';
import '../../styles/receipt-print.css';

const COPIES = ['citizen', 'file'] as const;
type Copy = (typeof COPIES)[number];

/** The receipt as it prints: its lines as the engine wrote them into the PDF, and the two signature blocks. */
function Sheet({ sheet, copy }: { sheet: ReceiptSheet; copy?: string }) {
  return (
    <article className="receipt-sheet" aria-label={sheet.title}>
      {copy && <p className="receipt-copy">{copy}</p>}
      {sheet.lines.map((line, i) => (
        <p
          key={i}
          className={line.center ? 'receipt-line receipt-line--center' : 'receipt-line'}
          style={{ fontSize: `${line.size}pt`, marginTop: `${line.gapBefore ?? 0}pt`, paddingLeft: `${line.indent ?? 0}pt` }}
        >
          {line.text}
        </p>
      ))}
      <div className="receipt-signatures">
        {sheet.signatures.map((s) => (
          <div key={s.title}>
            <strong>{s.title}</strong>
            <span>{s.hint}</span>
          </div>
        ))}
      </div>
    </article>
  );
}

/**
 * What to print of the receipt (the citizen's copy, the file copy), a preview, then the system's print
 * dialog (window.print: the app's and the browser's alike). Only the chosen copies print, one a page.
 */
export function ReceiptPrintDialog({
  sheet,
  pdfUrl,
  fileName,
  onClose,
}: {
  sheet: ReceiptSheet;
  pdfUrl: string;
  fileName: string;
  onClose(): void;
}) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [copies, setCopies] = useState<Record<Copy, boolean>>({ citizen: true, file: true });
  const chosen = COPIES.filter((c) => copies[c]);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <>
      <dialog ref={dialog} className="receipt-dialog" aria-labelledby="receipt-dialog-title" onCancel={onClose}>
        <h2 id="receipt-dialog-title">{t('receipt.dialogTitle')}</h2>
        <fieldset className="receipt-copies">
          <legend>{t('receipt.what')}</legend>
          {COPIES.map((c) => (
            <label key={c} className="checkbox">
              <input type="checkbox" checked={copies[c]} onChange={(e) => setCopies((was) => ({ ...was, [c]: e.target.checked }))} />
              {t(`receipt.copy.${c}`)}
            </label>
          ))}
        </fieldset>
        <div className="receipt-preview">
          <Sheet sheet={sheet} />
        </div>
        <div className="button-row">
          <button type="button" className="primary" onClick={() => window.print()} disabled={chosen.length === 0}>
            {t('receipt.print', { count: chosen.length })}
          </button>
          <a className="button-link" href={pdfUrl} download={fileName} target="_blank" rel="noreferrer">
            {t('receipt.open')}
          </a>
          <button type="button" onClick={onClose}>
            {t('receipt.close')}
          </button>
        </div>
        <p className="hint">{t('receipt.printHint')}</p>
      </dialog>
      {createPortal(
        <div className="print-only">
          {chosen.map((c) => (
            <Sheet key={c} sheet={sheet} copy={t(`receipt.copy.${c}`)} />
          ))}
        </div>,
        document.body,
      )}
    </>
  );
}
