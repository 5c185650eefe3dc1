import { useRef } from 'react';
import { useT } from '../i18n/i18n-context';

/**
 * A file picker in the app's language: the browser's own control says "Choose File / No file chosen"
 * in the browser's language. The input stays, hidden, under its label, so the label still names it.
 */
export function FileChooser({
  id,
  accept,
  disabled,
  chosen,
  onFile,
}: {
  id: string;
  accept: string;
  disabled?: boolean;
  chosen?: string | null;
  onFile: (file: File | null) => void;
}) {
  const t = useT();
  const picker = useRef<HTMLInputElement>(null);
  return (
    <div className="file-chooser">
      <input
        ref={picker}
        id={id}
        className="visually-hidden"
        tabIndex={-1}
        type="file"
        accept={accept}
        disabled={disabled}
        onChange={(e) => {
          onFile(e.target.files?.[0] ?? null);
          e.target.value = '';
        }}
      />
      <button type="button" className="small" onClick={() => picker.current?.click()} disabled={disabled}>
        {t('file.choose')}
      </button>
      {chosen !== undefined && <span className="file-chosen">{chosen ?? t('file.none')}</span>}
    </div>
  );
}
