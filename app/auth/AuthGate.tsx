import { useEffect, type ReactNode } from 'react';
import { useSession } from './session';
import { SignInPage } from './SignInPage';

/** The app once /api/v1/auth/me says who is here; the sign-in page until then. */
export function AuthGate({ children }: { children: ReactNode }) {
  const state = useSession((s) => s.state);
  const refresh = useSession((s) => s.refresh);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  if (state.kind === 'signed-in') return children;
  // One short request on a local server: a spinner would only flash.
  if (state.kind === 'loading') return null;
  return <SignInPage state={state} />;
}
