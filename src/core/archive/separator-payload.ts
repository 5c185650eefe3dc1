/** What a separator sheet's QR code says: the dossier it starts, by box and dossier number. */
export interface SeparatorIdentity {
  box: string;
  archiveNumber: string;
}

const PREFIX = 'SOHOA-SEP/1/';

/** `SOHOA-SEP/1/<box>/<number>`, parts percent-encoded: short enough for a QR code read at 150 dpi. */
export function separatorPayload(id: SeparatorIdentity): string {
  return `${PREFIX}${encodeURIComponent(id.box)}/${encodeURIComponent(id.archiveNumber)}`;
}

/** The identity a QR code's text names, or null when it is not one of our separator sheets. */
export function parseSeparatorPayload(text: string): SeparatorIdentity | null {
  if (!text.startsWith(PREFIX)) return null;
  const parts = text.slice(PREFIX.length).split('/');
  if (parts.length !== 2) return null;
  try {
    const [box, archiveNumber] = parts.map(decodeURIComponent) as [string, string];
    return archiveNumber ? { box, archiveNumber } : null;
  } catch {
    return null;
  }
}
