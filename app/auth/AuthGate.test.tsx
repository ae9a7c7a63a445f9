// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MeResponse, SignInNeeded } from '../../model';
import { testIds } from '../testIds';
import { AuthGate } from './AuthGate';
import { signInNeeded, useSession } from './session';

const ANA: MeResponse = {
  mode: 'users',
  user: { id: 'ana', name: 'ana', groups: ['team-a'], unrestricted: false },
};

type Answer = { status: number; body: unknown };
let answers: Record<string, Answer>;
const requests: string[] = [];

beforeEach(() => {
  useSession.setState({ state: { kind: 'loading' } });
  requests.length = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const path = new URL(url).pathname;
      requests.push(`${init?.method ?? 'GET'} ${path}`);
      const answer = answers[path] ?? { status: 404, body: {} };
      return new Response(JSON.stringify(answer.body), { status: answer.status });
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const signInAnswer = (signIn: SignInNeeded): Answer => ({
  status: 401,
  body: { error: { code: 'unauthorized', message: 'sign in to use Logsift' }, signIn },
});

const app = () =>
  render(
    <AuthGate>
      <div>the app</div>
    </AuthGate>,
  );

describe('AuthGate', () => {
  it('shows the password form until signed in; a wrong password says so', async () => {
    answers = {
      '/api/v1/auth/me': signInAnswer({ mode: 'users' }),
      '/api/v1/auth/login': {
        status: 401,
        body: { error: { code: 'unauthorized', message: 'wrong username or password' } },
      },
    };
    app();
    const username = await screen.findByTestId(testIds.signInUsername);
    expect(screen.queryByText('the app')).toBeNull();
    fireEvent.change(username, { target: { value: 'ana' } });
    fireEvent.change(screen.getByTestId(testIds.signInPassword), { target: { value: 'x' } });
    fireEvent.click(screen.getByTestId(testIds.signInSubmit));
    expect(await screen.findByTestId(testIds.signInError)).toHaveProperty(
      'textContent',
      'wrong username or password',
    );
    expect(screen.getByTestId(testIds.signInPassword)).toHaveProperty('value', '');

    answers['/api/v1/auth/login'] = { status: 200, body: ANA };
    fireEvent.change(screen.getByTestId(testIds.signInPassword), { target: { value: 'right' } });
    fireEvent.click(screen.getByTestId(testIds.signInSubmit));
    expect(await screen.findByText('the app')).toBeTruthy();
    expect(requests).toContain('POST /api/v1/auth/login');
  });

  it('goes back to sign-in when an API call answers 401 mid-session', async () => {
    answers = { '/api/v1/auth/me': { status: 200, body: ANA } };
    app();
    expect(await screen.findByText('the app')).toBeTruthy();
    answers['/api/v1/auth/me'] = signInAnswer({ mode: 'users' });
    await act(async () => signInNeeded());
    expect(await screen.findByTestId(testIds.signInPage)).toBeTruthy();
    expect(screen.queryByText('the app')).toBeNull();
  });

  it('offers the provider, or says it cannot be reached instead of a button', async () => {
    answers = {
      '/api/v1/auth/me': signInAnswer({
        mode: 'oidc',
        signInPath: '/auth/oidc/login',
        provider: { name: 'Company SSO', reachable: true },
      }),
    };
    window.history.replaceState(null, '', '/dashboards?x=1');
    const view = app();
    const button = await screen.findByTestId(testIds.signInProvider);
    expect(button.textContent).toBe('Sign in with Company SSO');
    expect(new URL(button.getAttribute('href') ?? '').searchParams.get('returnTo')).toBe(
      '/dashboards?x=1',
    );
    view.unmount();

    useSession.setState({ state: { kind: 'loading' } });
    answers['/api/v1/auth/me'] = signInAnswer({
      mode: 'oidc',
      signInPath: '/auth/oidc/login',
      provider: { name: 'Company SSO', reachable: false, problem: 'connect ECONNREFUSED' },
    });
    app();
    const error = await screen.findByTestId(testIds.signInError);
    expect(error.textContent).toContain('Company SSO cannot be reached');
    expect(error.textContent).toContain('ECONNREFUSED');
    expect(screen.queryByTestId(testIds.signInProvider)).toBeNull();
    window.history.replaceState(null, '', '/');
  });

  it('says why when Logsift refuses this address', async () => {
    answers = {
      '/api/v1/auth/me': {
        status: 403,
        body: { error: { code: 'forbidden', message: 'Logsift has no auth.mode in its config' } },
      },
    };
    app();
    expect((await screen.findByTestId(testIds.signInError)).textContent).toMatch(/auth\.mode/);
    expect(screen.getByText('Not open to this address')).toBeTruthy();
  });
});
