import { createContext, useContext } from 'react';
import type { SignedInUser } from '../../../shared/auth-types';

export interface SignedIn {
  user: SignedInUser;
  signOut(): void;
  lockNow(): void;
}

export const AuthContext = createContext<SignedIn | null>(null);

/** The signed-in user (inside the gate there always is one). */
export function useSignedIn(): SignedIn {
  const signedIn = useContext(AuthContext);
  if (!signedIn) throw new Error('useSignedIn outside AuthGate');
  return signedIn;
}
