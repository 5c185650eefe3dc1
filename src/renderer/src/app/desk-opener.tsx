import { createContext, useContext } from 'react';

/** Opens a dossier at the desk, from anywhere in the app (the intake list). */
export const DeskOpenerContext = createContext<(id: number) => void>(() => undefined);
export const useOpenDesk = () => useContext(DeskOpenerContext);
