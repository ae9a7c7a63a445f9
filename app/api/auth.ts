import type { ApiErrorBody, MeResponse, SignInNeeded } from '../../model';
import { apiUrl } from './client';

/** Where sign-in stands, as /api/v1/auth/me answers it. */
export type AuthState =
  | { kind: 'signed-in'; me: MeResponse }
  | { kind: 'sign-in'; signIn: SignInNeeded }
  /** Logsift refuses this browser outright (no auth.mode, not on loopback): nothing to sign in to. */
  | { kind: 'refused'; message: string };

interface ErrorAnswer {
  error?: ApiErrorBody;
  signIn?: SignInNeeded;
}

async function readError(response: Response): Promise<ErrorAnswer> {
  return ((await response.json().catch(() => undefined)) as ErrorAnswer | undefined) ?? {};
}

/** Read through plain fetch: a 401 here is an answer, not the mid-session signal apiFetch sends. */
export async function fetchAuthState(): Promise<AuthState> {
  const response = await fetch(apiUrl('api/v1/auth/me'), { cache: 'no-store' });
  if (response.ok) return { kind: 'signed-in', me: (await response.json()) as MeResponse };
  const body = await readError(response);
  if (response.status === 401 && body.signIn) return { kind: 'sign-in', signIn: body.signIn };
  const message = body.error?.message ?? `the server answered ${response.status}`;
  if (response.status === 403) return { kind: 'refused', message };
  throw new Error(message);
}

export async function signInWithPassword(username: string, password: string): Promise<MeResponse> {
  const response = await fetch(apiUrl('api/v1/auth/login'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.ok) return (await response.json()) as MeResponse;
  const body = await readError(response);
  throw new Error(body.error?.message ?? `the server answered ${response.status}`);
}

/** Ends the session; with OpenID Connect, the provider's end-session page to go to after. */
export async function signOut(): Promise<string | undefined> {
  const response = await fetch(apiUrl('api/v1/auth/logout'), { method: 'POST' });
  if (response.status !== 200) return undefined;
  const body = (await response.json().catch(() => undefined)) as { redirect?: string } | undefined;
  return body?.redirect;
}

/** The provider's sign-in, coming back to where the browser is now. */
export function providerSignInUrl(signInPath: string, returnTo: string): string {
  const url = new URL(apiUrl(signInPath));
  url.searchParams.set('returnTo', returnTo);
  return url.toString();
}
