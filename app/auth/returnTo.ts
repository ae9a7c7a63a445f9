/**
 * Where to go once signed in with a password, when the server sent the browser here from a
 * short link (`?returnTo=/s/…`). Only a path of this Logsift, never another site.
 */
export function returnToAfterSignIn(): string | undefined {
  const value = new URL(window.location.href).searchParams.get('returnTo');
  const base = new URL(document.baseURI).pathname;
  if (!value?.startsWith(base) || value.startsWith('//') || value.includes('\\')) return undefined;
  return value;
}
