import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { LogsiftError, type Principal } from '../../model';
import { parseWith } from '../http/errors';
import type { UserConfig } from './config';
import { verifyDummy, verifyPassword } from './passwords';

const LoginSchema = z.strictObject({
  username: z.string().min(1).max(256),
  password: z.string().min(1).max(1024),
});

export const userPrincipal = (user: UserConfig): Principal => ({
  id: user.username,
  name: user.username,
  groups: user.groups,
  unrestricted: false,
});

/** The built-in users from the config, by name: a session names a user that still exists. */
export function userDirectory(users: readonly UserConfig[]) {
  const byName = new Map(users.map((u) => [u.username, u]));
  return {
    principal: (username: unknown) =>
      typeof username === 'string' && byName.has(username)
        ? userPrincipal(byName.get(username) as UserConfig)
        : undefined,
    register(
      app: FastifyInstance,
      signIn: (reply: FastifyReply, request: FastifyRequest, principal: Principal) => void,
    ) {
      app.post('/api/v1/auth/login', async (request, reply) => {
        const body = parseWith(LoginSchema, request.body);
        const user = byName.get(body.username);
        // One message for both: the answer must not tell which usernames exist.
        const wrong = new LogsiftError('unauthorized', 'wrong username or password');
        if (!user) {
          await verifyDummy(body.password);
          throw wrong;
        }
        if (!(await verifyPassword(user.passwordHash, body.password))) throw wrong;
        const principal = userPrincipal(user);
        signIn(reply, request, principal);
        request.log.info({ user: principal.id }, 'signed in');
        return { mode: 'users', user: principal };
      });
    },
  };
}
