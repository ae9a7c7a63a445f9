import { create } from 'zustand';
import type { MeResponse } from '../../model';
import { fetchAuthState, type AuthState } from '../api/auth';

export type SessionState =
  | AuthState
  | { kind: 'loading' }
  /** /auth/me itself failed (the server is down): said plainly, with a retry. */
  | { kind: 'failed'; message: string };

interface SessionStore {
  state: SessionState;
  refresh(): Promise<void>;
  signedIn(me: MeResponse): void;
}

export const useSession = create<SessionStore>((set) => ({
  state: { kind: 'loading' },
  async refresh() {
    try {
      set({ state: await fetchAuthState() });
    } catch (error) {
      set({ state: { kind: 'failed', message: (error as Error).message } });
    }
  },
  signedIn(me) {
    set({ state: { kind: 'signed-in', me } });
  },
}));

/**
 * An API call answered 401 mid-session (the cookie expired, the secret rotated): the sign-in
 * page replaces the app at the current URL, so signing in again returns to it.
 */
export function signInNeeded(): void {
  const { state, refresh } = useSession.getState();
  if (state.kind === 'signed-in') void refresh();
}

/** The signed-in person, for the top bar; undefined while signed out. */
export function useSignedIn(): MeResponse | undefined {
  return useSession((s) => (s.state.kind === 'signed-in' ? s.state.me : undefined));
}
