import { useState, type FormEvent } from 'react';
import type { SignInNeeded } from '../../model';
import { providerSignInUrl, signInWithPassword } from '../api/auth';
import { testIds } from '../testIds';
import { returnToAfterSignIn } from './returnTo';
import { useSession, type SessionState } from './session';
import { takeSignInError } from './signInError';
import './SignInPage.css';

type Shown = Exclude<SessionState, { kind: 'signed-in' } | { kind: 'loading' }>;

/** A calm card in the middle, as Grafana's login: the product, one form or one button. */
export function SignInPage({ state }: { state: Shown }) {
  const [returned] = useState(takeSignInError);
  return (
    <main className="sign-in" data-testid={testIds.signInPage}>
      <div className="sign-in-card">
        <h1 className="sign-in-brand">Logsift</h1>
        {state.kind === 'sign-in' ? (
          <SignInChoice signIn={state.signIn} returned={returned} />
        ) : (
          <Problem
            title={
              state.kind === 'refused' ? 'Not open to this address' : 'Logsift does not answer'
            }
            message={state.message}
            retry={state.kind === 'failed'}
          />
        )}
      </div>
    </main>
  );
}

function SignInChoice({ signIn, returned }: { signIn: SignInNeeded; returned?: string }) {
  switch (signIn.mode) {
    case 'users':
      return <PasswordForm returned={returned} />;
    case 'oidc':
      return <ProviderButton signIn={signIn} returned={returned} />;
    default:
      return (
        <Problem
          title="Sign in through your organization"
          message="This Logsift trusts the sign-in proxy in front of it, and the proxy named nobody. Open Logsift through its usual address to sign in."
          retry
        />
      );
  }
}

function PasswordForm({ returned }: { returned?: string | undefined }) {
  const signedIn = useSession((s) => s.signedIn);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState(returned);
  const [busy, setBusy] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    signInWithPassword(username, password).then(
      (me) => {
        const back = returnToAfterSignIn();
        if (back) window.location.assign(back);
        else signedIn(me);
      },
      (e: unknown) => {
        setError((e as Error).message);
        setPassword('');
        setBusy(false);
      },
    );
  };
  return (
    <form className="sign-in-form" onSubmit={submit}>
      <p className="sign-in-lead">Sign in to read logs</p>
      <label className="sign-in-field">
        <span>Username</span>
        <input
          data-testid={testIds.signInUsername}
          autoComplete="username"
          autoFocus
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </label>
      <label className="sign-in-field">
        <span>Password</span>
        <input
          data-testid={testIds.signInPassword}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {error && (
        <div className="error-box sign-in-error" role="alert" data-testid={testIds.signInError}>
          {error}
        </div>
      )}
      <button
        type="submit"
        className="primary sign-in-submit"
        data-testid={testIds.signInSubmit}
        disabled={busy}
      >
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}

function ProviderButton({ signIn, returned }: { signIn: SignInNeeded; returned?: string }) {
  const refresh = useSession((s) => s.refresh);
  const provider = signIn.provider;
  const name = provider?.name ?? 'your provider';
  const here = `${window.location.pathname}${window.location.search}`;
  return (
    <div className="sign-in-form">
      <p className="sign-in-lead">Sign in to read logs</p>
      {returned && (
        <div className="error-box sign-in-error" role="alert" data-testid={testIds.signInError}>
          {returned}
        </div>
      )}
      {provider && !provider.reachable ? (
        <>
          <div className="error-box sign-in-error" role="alert" data-testid={testIds.signInError}>
            {name} cannot be reached, so nobody can sign in right now.
            {provider.problem ? `\n${provider.problem}` : ''}
          </div>
          <button type="button" className="toolbar-button" onClick={() => void refresh()}>
            Try again
          </button>
        </>
      ) : (
        <a
          className="primary sign-in-submit"
          data-testid={testIds.signInProvider}
          href={providerSignInUrl(signIn.signInPath ?? '/auth/oidc/login', here)}
        >
          Sign in with {name}
        </a>
      )}
    </div>
  );
}

function Problem({ title, message, retry }: { title: string; message: string; retry: boolean }) {
  const refresh = useSession((s) => s.refresh);
  return (
    <div className="sign-in-form">
      <p className="sign-in-lead">{title}</p>
      <div className="error-box sign-in-error" role="alert" data-testid={testIds.signInError}>
        {message}
      </div>
      {retry && (
        <button type="button" className="toolbar-button" onClick={() => void refresh()}>
          Try again
        </button>
      )}
    </div>
  );
}
