import type { Access, Sharing } from '../../model';

/** The groups typed in a field, split at commas, trimmed, each once. */
export function parseGroups(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((g) => g.trim())
        .filter(Boolean),
    ),
  ];
}

/** Why the sharing cannot be saved as chosen, or undefined. */
export function sharingProblem(sharing: Sharing): string | undefined {
  if (sharing.kind === 'groups' && sharing.groups.length === 0) {
    return 'Name at least one group, or choose Only me or Everyone.';
  }
  return undefined;
}

/** One short line for lists and badges. */
export function describeSharing(sharing: Sharing): string {
  switch (sharing.kind) {
    case 'private':
      return 'Only the owner';
    case 'public':
      return sharing.canEdit ? 'Everyone can edit' : 'Everyone can view';
    case 'groups':
      return `${sharing.groups.join(', ')} ${sharing.canEdit ? 'can edit' : 'can view'}`;
  }
}

/** The badge word: Private, Shared or Public. */
export function sharingLabel(sharing: Sharing): string {
  return { private: 'Private', groups: 'Shared', public: 'Public' }[sharing.kind];
}

export const canEdit = (access: Access): boolean => access !== 'view';
export const isOwner = (access: Access): boolean => access === 'owner';
