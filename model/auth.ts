import { z } from 'zod';

/** How people sign in: by config (`auth.mode`). */
export const AuthModeSchema = z.enum(['none', 'users', 'proxy', 'oidc']);
export type AuthMode = z.infer<typeof AuthModeSchema>;

/**
 * Who is asking. `id` is stable (a built-in username, the proxy's user header, the OIDC `sub`)
 * and is what saved objects record as owner; `name` is for display only.
 */
export const PrincipalSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string(),
  groups: z.array(z.string()),
  /**
   * Sign-in is off: nobody is told apart, so group restrictions cannot apply and every
   * datasource and saved object is visible, as before sign-in existed.
   */
  unrestricted: z.boolean(),
});
export type Principal = z.infer<typeof PrincipalSchema>;

/** GET /api/v1/auth/me: 200 when signed in (or sign-in is off); 401 otherwise. */
export const MeResponseSchema = z.strictObject({
  mode: AuthModeSchema,
  user: PrincipalSchema,
});
export type MeResponse = z.infer<typeof MeResponseSchema>;

/** The 401 body's `details` when sign-in is needed: where the browser should go. */
export const SignInNeededSchema = z.strictObject({
  mode: AuthModeSchema,
  /** Below the base path, e.g. `/auth/oidc/login`; absent for the built-in form. */
  signInPath: z.string().optional(),
  /** OpenID Connect: the provider's name for the button, and whether it answers now. */
  provider: z
    .strictObject({ name: z.string(), reachable: z.boolean(), problem: z.string().optional() })
    .optional(),
});
export type SignInNeeded = z.infer<typeof SignInNeededSchema>;
