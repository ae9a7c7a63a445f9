import { isIP } from 'node:net';
import { z } from 'zod';
import { AuthModeSchema } from '../../model';

const HASH_PATTERN = /^(\$argon2id\$|\$2[aby]\$)/;

/** `10.0.0.0/8`, `fd00::/8`, or one address (a /32 or /128). */
const CidrSchema = z.string().refine(
  (text) => {
    const [address = '', prefix, ...rest] = text.split('/');
    const family = isIP(address);
    if (family === 0 || rest.length > 0) return false;
    if (prefix === undefined) return true;
    const bits = Number(prefix);
    return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
  },
  { error: (issue) => `"${String(issue.input)}" is not an address or CIDR range` },
);

export const UserSchema = z.strictObject({
  username: z.string().min(1),
  passwordHash: z.string().regex(HASH_PATTERN, {
    error: 'must be an argon2id ($argon2id$…) or bcrypt ($2b$…) hash: npm run hash-password',
  }),
  groups: z.array(z.string().min(1)).default([]),
});
export type UserConfig = z.infer<typeof UserSchema>;

export const ProxyAuthSchema = z.strictObject({
  userHeader: z.string().min(1).default('x-forwarded-user'),
  groupsHeader: z.string().min(1).default('x-forwarded-groups'),
  /** Only a peer inside these ranges may name the user; anyone else could forge the header. */
  trustedProxies: z.array(CidrSchema).min(1),
});
export type ProxyAuthConfig = z.infer<typeof ProxyAuthSchema>;

export const OidcSchema = z
  .strictObject({
    issuer: z.url(),
    clientId: z.string().min(1),
    clientSecretEnv: z.string().min(1).optional(),
    clientSecretFile: z.string().min(1).optional(),
    /** Where browsers reach Logsift, base path included: the redirect URI is built from it. */
    publicUrl: z.url(),
    scopes: z.array(z.string().min(1)).default(['openid', 'profile', 'email']),
    groupsClaim: z.string().min(1).default('groups'),
    /** Shown on the button: "Sign in with <providerName>". */
    providerName: z.string().min(1).default('OpenID Connect'),
  })
  .refine((oidc) => !(oidc.clientSecretEnv && oidc.clientSecretFile), {
    path: ['clientSecretEnv'],
    error: 'give clientSecretEnv or clientSecretFile, not both',
  });
export type OidcConfig = z.infer<typeof OidcSchema>;

export const SessionSchema = z
  .strictObject({
    secretEnv: z.string().min(1).optional(),
    secretFile: z.string().min(1).optional(),
    ttlHours: z.number().positive().default(12),
  })
  .refine((session) => !(session.secretEnv && session.secretFile), {
    path: ['secretEnv'],
    error: 'give secretEnv or secretFile, not both',
  });
export type SessionConfig = z.infer<typeof SessionSchema>;

/** `auth` in logsift.yaml. Without `mode`, sign-in is off but only loopback clients are served. */
export const AuthSchema = z
  .strictObject({
    mode: AuthModeSchema.optional(),
    session: SessionSchema.prefault({}),
    users: z.array(UserSchema).optional(),
    proxy: ProxyAuthSchema.optional(),
    oidc: OidcSchema.optional(),
  })
  .superRefine((auth, ctx) => {
    const need = { users: auth.users, proxy: auth.proxy, oidc: auth.oidc } as const;
    if (auth.mode && auth.mode !== 'none' && need[auth.mode] === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['mode'],
        message: `mode ${auth.mode} needs an "${auth.mode}" section`,
      });
    }
    const seen = new Set<string>();
    auth.users?.forEach((user, index) => {
      if (seen.has(user.username)) {
        ctx.addIssue({
          code: 'custom',
          path: ['users', index, 'username'],
          message: `duplicate username "${user.username}"`,
        });
      }
      seen.add(user.username);
    });
  });
export type AuthConfig = z.infer<typeof AuthSchema>;
