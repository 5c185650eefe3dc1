const KEY = 'sohoa.openDossier';

/** The dossier the clerk had open survives a reload or a restart of the window. */
export function loadOpenDossier(): number | null {
  try {
    const saved = Number(window.localStorage.getItem(KEY));
    return Number.isInteger(saved) && saved > 0 ? saved : null;
  } catch {
    return null;
  }
}

export function saveOpenDossier(id: number | null): void {
  try {
    if (id === null) window.localStorage.removeItem(KEY);
    else window.localStorage.setItem(KEY, String(id));
  } catch {
    // Without storage the open dossier lasts for this session only.
  }
}
