import { describe, expect, it } from 'vitest';
import { describeSharing, parseGroups, sharingProblem } from './sharingText';

describe('sharing text', () => {
  it('reads typed groups split at commas, trimmed, each once', () => {
    expect(parseGroups(' ops, dev ,,ops, payments team ')).toEqual(['ops', 'dev', 'payments team']);
    expect(parseGroups(' , ')).toEqual([]);
  });

  it('refuses groups sharing without a group, and says who can do what', () => {
    expect(sharingProblem({ kind: 'groups', groups: [], canEdit: false })).toMatch(/at least one/);
    expect(sharingProblem({ kind: 'private' })).toBeUndefined();
    expect(describeSharing({ kind: 'groups', groups: ['ops', 'dev'], canEdit: true })).toBe(
      'ops, dev can edit',
    );
    expect(describeSharing({ kind: 'public', canEdit: false })).toBe('Everyone can view');
  });
});
