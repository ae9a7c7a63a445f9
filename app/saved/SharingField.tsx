import { useState } from 'react';
import type { Sharing } from '../../model';
import { testIds } from '../testIds';
import { parseGroups, sharingProblem } from './sharingText';
import './Sharing.css';

type Kind = Sharing['kind'];

const CHOICES: { kind: Kind; label: string }[] = [
  { kind: 'private', label: 'Only me' },
  { kind: 'groups', label: 'Groups…' },
  { kind: 'public', label: 'Everyone in this Logsift' },
];

/**
 * Who besides the owner may open a saved query or dashboard, and whether they may save it
 * too. Only shown to the owner while sign-in is on (`useSignIn`).
 */
export function SharingField({
  value,
  myGroups,
  onChange,
}: {
  value: Sharing;
  /** The signed-in person's groups, offered as one-click choices. */
  myGroups: readonly string[];
  onChange(value: Sharing): void;
}) {
  const [groupsText, setGroupsText] = useState(
    value.kind === 'groups' ? value.groups.join(', ') : '',
  );
  const canEdit = value.kind !== 'private' && value.canEdit;
  const groups = parseGroups(groupsText);
  const pick = (kind: Kind, edit = canEdit, text = groupsText) => {
    if (kind === 'private') onChange({ kind });
    else if (kind === 'public') onChange({ kind, canEdit: edit });
    else onChange({ kind, groups: parseGroups(text), canEdit: edit });
  };
  const toggleGroup = (group: string) => {
    const next = groups.includes(group) ? groups.filter((g) => g !== group) : [...groups, group];
    const text = next.join(', ');
    setGroupsText(text);
    pick('groups', canEdit, text);
  };
  const problem = sharingProblem(value);
  return (
    <fieldset className="sharing-field" data-testid={testIds.sharingField}>
      <legend>Sharing</legend>
      <div className="sharing-choices" role="radiogroup" aria-label="Who can open it">
        {CHOICES.map((c) => (
          <label key={c.kind} className={value.kind === c.kind ? 'chosen' : undefined}>
            <input
              type="radio"
              name="sharing"
              value={c.kind}
              checked={value.kind === c.kind}
              data-testid={`${testIds.sharingChoice}-${c.kind}`}
              onChange={() => pick(c.kind)}
            />
            {c.label}
          </label>
        ))}
      </div>
      {value.kind === 'groups' && (
        <div className="sharing-groups">
          <input
            aria-label="Groups"
            placeholder="Group names, separated by commas"
            data-testid={testIds.sharingGroups}
            value={groupsText}
            onChange={(e) => {
              setGroupsText(e.target.value);
              pick('groups', canEdit, e.target.value);
            }}
          />
          {myGroups.length > 0 && (
            <div className="sharing-my-groups">
              <span className="muted small">Your groups:</span>
              {myGroups.map((g) => (
                <button
                  key={g}
                  type="button"
                  className={`sharing-chip${groups.includes(g) ? ' on' : ''}`}
                  aria-pressed={groups.includes(g)}
                  onClick={() => toggleGroup(g)}
                >
                  {g}
                </button>
              ))}
            </div>
          )}
        </div>
      )}
      {value.kind !== 'private' && (
        <label className="sharing-edit">
          <input
            type="checkbox"
            checked={canEdit}
            data-testid={testIds.sharingCanEdit}
            onChange={(e) => pick(value.kind, e.target.checked)}
          />
          They can edit too <span className="muted">(save new versions; only you delete)</span>
        </label>
      )}
      {problem && <p className="sharing-problem small">{problem}</p>}
    </fieldset>
  );
}
