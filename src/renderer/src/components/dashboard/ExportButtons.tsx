import { useEffect, useState } from 'react';
import type { IndicatorFilter } from '../../../../shared/indicators';
import { useEngine } from '../../engine/engine-context';
import { useEngineAction } from '../../hooks/use-engine-action';
import { useT } from '../../i18n/i18n-context';
import { ErrorNotice } from '../desk/ErrorNotice';

/** Makes the report as an XLSX workbook or a printable PDF, to save or open. */
export function ExportButtons({ filter }: { filter: IndicatorFilter }) {
  const t = useT();
  const api = useEngine();
  const action = useEngineAction();
  const [file, setFile] = useState<{ url: string; name: string } | null>(null);
  useEffect(
    () => () => {
      if (file) URL.revokeObjectURL(file.url);
    },
    [file],
  );
  const make = async (format: 'xlsx' | 'pdf') => {
    const r = await action.run(() => api['stats.export']({ filter, format }));
    if (!r) return;
    const bytes = Uint8Array.from(atob(r.base64), (c) => c.charCodeAt(0));
    setFile({ url: URL.createObjectURL(new Blob([bytes], { type: r.mimeType })), name: r.fileName });
  };
  return (
    <div className="export">
      <button type="button" onClick={() => void make('xlsx')} disabled={action.busy}>
        {t('dash.export.xlsx')}
      </button>
      <button type="button" onClick={() => void make('pdf')} disabled={action.busy}>
        {t('dash.export.pdf')}
      </button>
      {file && (
        <a href={file.url} download={file.name}>
          {t('dash.export.ready', { name: file.name })}
        </a>
      )}
      <ErrorNotice error={action.error} />
    </div>
  );
}
