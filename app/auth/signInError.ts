const PARAM = 'signInError';
let taken: { message: string | undefined } | undefined;

/**
 * The provider's sign-in came back with a failure (`?signInError=` from the callback): read
 * once and taken out of the URL, so a reload or a shared link does not show it again. Kept
 * for the page's life, as React may ask twice (StrictMode).
 */
export function takeSignInError(): string | undefined {
  if (taken) return taken.message;
  const url = new URL(window.location.href);
  taken = { message: url.searchParams.get(PARAM) ?? undefined };
  if (taken.message !== undefined) {
    url.searchParams.delete(PARAM);
    window.history.replaceState(window.history.state, '', url);
  }
  return taken.message;
}
