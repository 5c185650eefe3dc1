import { createContext, useContext } from 'react';

/** Opens a dossier at the desk, from anywhere in the app (the intake list, a search hit: then at its page). */
export type OpenDesk = (id: number, at?: { pageId?: number | null }) => void;
export const DeskOpenerContext = createContext<OpenDesk>(() => undefined);
export const useOpenDesk = () => useContext(DeskOpenerContext);
