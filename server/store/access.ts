import type { Access, Principal, Sharing } from '../../model';

/**
 * Who may do what with a saved object, the rules of `SharingSchema` in one place. The SQL of
 * `visibleFilter` lists the same objects `accessOf` lets one see; the contract suite checks
 * both drivers against this function.
 */
export function accessOf(
  principal: Principal,
  object: { owner: string; sharing: Sharing },
): Access | undefined {
  if (principal.unrestricted || object.owner === principal.id) return 'owner';
  const { sharing } = object;
  switch (sharing.kind) {
    case 'private':
      return undefined;
    case 'public':
      return sharing.canEdit ? 'edit' : 'view';
    case 'groups':
      if (!sharing.groups.some((g) => principal.groups.includes(g))) return undefined;
      return sharing.canEdit ? 'edit' : 'view';
  }
}

/** What an object created by `principal` gets when the request names no sharing. */
export function defaultSharing(principal: Principal): Sharing {
  // With sign-in off nobody is told apart: a private object would only become invisible to
  // everyone else the day sign-in is turned on, so it is everybody's, as before sign-in.
  return principal.unrestricted ? { kind: 'public', canEdit: true } : { kind: 'private' };
}

/** The columns a Sharing is stored in (see migration 2). */
export interface SharingColumns {
  sharing: Sharing['kind'];
  share_edit: number;
  share_groups: string;
}

export function sharingColumns(sharing: Sharing): SharingColumns {
  return {
    sharing: sharing.kind,
    share_edit: sharing.kind !== 'private' && sharing.canEdit ? 1 : 0,
    share_groups: JSON.stringify(sharing.kind === 'groups' ? [...new Set(sharing.groups)] : []),
  };
}

export function sharingFromColumns(row: {
  sharing: string;
  share_edit: number | string;
  share_groups: string;
}): Sharing {
  const canEdit = Number(row.share_edit) === 1;
  if (row.sharing === 'public') return { kind: 'public', canEdit };
  if (row.sharing === 'groups') {
    return { kind: 'groups', groups: JSON.parse(row.share_groups) as string[], canEdit };
  }
  return { kind: 'private' };
}

/** The groups rows to keep in `object_shares` for a sharing. */
export function sharedGroups(sharing: Sharing): string[] {
  return sharing.kind === 'groups' ? [...new Set(sharing.groups)] : [];
}

/**
 * A WHERE clause (on `objects o`) keeping what `viewer` may see, with `placeholder(n)` for the
 * driver's parameter syntax; none for an unrestricted viewer.
 */
export function visibleFilter(
  viewer: Principal | undefined,
  placeholder: (n: number) => string,
  firstParam: number,
): { sql: string; params: unknown[] } {
  if (!viewer || viewer.unrestricted) return { sql: '', params: [] };
  const params: unknown[] = [viewer.id];
  const owner = `o.owner = ${placeholder(firstParam)}`;
  const groups = [...new Set(viewer.groups)];
  let shared = '';
  if (groups.length > 0) {
    const marks = groups.map((_, i) => placeholder(firstParam + 1 + i)).join(', ');
    params.push(...groups);
    shared = ` OR (o.sharing = 'groups' AND EXISTS (SELECT 1 FROM object_shares s
      WHERE s.kind = o.kind AND s.id = o.id AND s.group_name IN (${marks})))`;
  }
  return { sql: ` AND (${owner} OR o.sharing = 'public'${shared})`, params };
}
