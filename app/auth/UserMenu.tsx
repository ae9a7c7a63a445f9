import { signOut } from '../api/auth';
import { testIds } from '../testIds';
import { useSession, useSignedIn } from './session';
import './UserMenu.css';

/**
 * Who is signed in, at the right of the top bar, with Sign out. Nothing when sign-in is off,
 * and no Sign out behind an auth proxy: the proxy holds that session, not Logsift.
 */
export function UserMenu() {
  const me = useSignedIn();
  const refresh = useSession((s) => s.refresh);
  if (!me || me.mode === 'none') return null;
  return (
    <div className="user-menu">
      <span
        className="user-menu-name"
        data-testid={testIds.userName}
        title={me.user.groups.length ? `Groups: ${me.user.groups.join(', ')}` : undefined}
      >
        {me.user.name}
      </span>
      {me.mode !== 'proxy' && (
        <button
          type="button"
          className="user-menu-sign-out"
          data-testid={testIds.signOut}
          onClick={() =>
            void signOut().then((redirect) =>
              redirect ? window.location.assign(redirect) : refresh(),
            )
          }
        >
          Sign out
        </button>
      )}
    </div>
  );
}
