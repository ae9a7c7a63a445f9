import { useQuery } from '@tanstack/react-query';
import type { Principal } from '../../model';
import { whoAmIApi } from '../api/saved';

export interface SignInState {
  /** Sign-in is on: objects have owners worth showing and sharing worth choosing. */
  on: boolean;
  /** Who is signed in, when it is on. */
  me: Principal | undefined;
}

/**
 * Whether the sharing controls apply. While unknown, or when the question fails, they stay
 * hidden: with sign-in off everything is everyone's, and a wrong guess only hides a control.
 */
export function useSignIn(): SignInState {
  const me = useQuery({
    queryKey: ['auth-me'],
    queryFn: whoAmIApi.get,
    staleTime: 5 * 60_000,
    retry: false,
  });
  const on = !!me.data && me.data.mode !== 'none';
  return { on, me: on ? me.data?.user : undefined };
}
