import { z } from 'zod';
import type { Principal } from '../../model';

/** Group names as identity providers send them; nothing that could be read as a path or list. */
const GroupNameSchema = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[^\s,|]+$/, 'a group name without spaces, commas or |');

/**
 * `access` of one datasource. `groups`: who may see and use it (absent: everyone signed in).
 * `perGroup`: settings a group's queries use instead of the base ones (a Loki tenant, an index
 * pattern, log groups, credentials); a user in several of them gets the first, in file order.
 */
export const AccessSchema = z.strictObject({
  groups: z.array(GroupNameSchema).min(1).optional(),
  /** Keys checked by accessProblems, so that their mistakes are listed beside the others. */
  perGroup: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});
export type Access = z.infer<typeof AccessSchema>;

/** Keys no group may change whatever the kind: they say which datasource this is. */
const IDENTITY_KEYS = ['id', 'kind', 'access'];

/**
 * A group's settings: the datasource's own, each key the override gives replaced whole (an
 * `auth: {apiKey}` must not keep the base's `basic` beside it), `access` left out.
 */
export function mergedSettings(
  base: { access?: Access | undefined },
  override: Record<string, unknown>,
): Record<string, unknown> {
  const settings: Record<string, unknown> = { ...base, ...override };
  delete settings['access'];
  return settings;
}

export interface AccessProblem {
  path: (string | number)[];
  message: string;
}

/**
 * Mistakes in one datasource's `access`, with paths below it: overrides of keys that must not
 * vary (`fixedKeys`: where the backend is, given per kind by the registry), overrides the
 * kind's schema refuses once merged, and overrides for groups that may not use it at all.
 */
export function accessProblems(
  datasource: { kind: string; access?: Access | undefined },
  fixedKeys: readonly string[],
  parse: (settings: unknown) => { success: true } | { success: false; error: z.ZodError },
): AccessProblem[] {
  const access = datasource.access;
  if (!access?.perGroup) return [];
  const problems: AccessProblem[] = [];
  for (const [group, override] of Object.entries(access.perGroup)) {
    const at = ['access', 'perGroup', group];
    const name = GroupNameSchema.safeParse(group);
    if (!name.success) {
      problems.push({ path: at, message: name.error.issues.map((i) => i.message).join('; ') });
    }
    // JavaScript objects put keys such as "42" first, so their place in perGroup (which
    // decides for a user in several groups) would not be the one written in the file.
    if (/^(0|[1-9]\d*)$/.test(group)) {
      problems.push({
        path: at,
        message: 'a group name made only of digits cannot keep its place in perGroup',
      });
    }
    if (access.groups && !access.groups.includes(group)) {
      problems.push({
        path: at,
        message: `${group} is not in access.groups, so nobody in it may use this datasource`,
      });
    }
    const fixed = Object.keys(override).filter(
      (key) => IDENTITY_KEYS.includes(key) || fixedKeys.includes(key),
    );
    for (const key of fixed) {
      problems.push({
        path: [...at, key],
        message: `${key} cannot differ per group: another backend is another datasource (give it its own id and access.groups)`,
      });
    }
    if (fixed.length > 0) continue;
    const result = parse(mergedSettings(datasource, override));
    if (!result.success) {
      for (const issue of result.error.issues) {
        problems.push({ path: [...at, ...issue.path.map(String)], message: issue.message });
      }
    }
  }
  return problems;
}

/** Whether this principal may see and use a datasource with this `access`. */
export function mayUse(access: Access | undefined, principal: Principal): boolean {
  if (principal.unrestricted || !access?.groups) return true;
  return access.groups.some((group) => principal.groups.includes(group));
}

/**
 * The group whose override this principal's queries use: the first in `perGroup` (file order)
 * the principal is in; none (the base settings) when sign-in is off or no group matches.
 */
export function overrideGroup(
  access: Access | undefined,
  principal: Principal,
): string | undefined {
  if (principal.unrestricted || !access?.perGroup) return undefined;
  return Object.keys(access.perGroup).find((group) => principal.groups.includes(group));
}
