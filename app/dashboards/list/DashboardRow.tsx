import type { DashboardSummary } from '../../../model';
import { hrefFor, isPlainClick, navigate } from '../../router';
import { SharingBadge } from '../../saved/SharingBadge';
import { isOwner } from '../../saved/sharingText';
import type { SignInState } from '../../saved/useSignIn';
import { testIds } from '../../testIds';
import { formatSavedAt } from '../../ui/savedAt';

/** One dashboard in the list; every user-written string is React text, never markup. */
export function DashboardRow({
  dashboard,
  signIn,
  onDelete,
}: {
  dashboard: DashboardSummary;
  signIn: SignInState;
  onDelete: () => void;
}) {
  const path = `/dashboards/${dashboard.id}`;
  return (
    <tr data-testid={testIds.dashboardRow} data-id={dashboard.id}>
      <td className="dashboard-name">
        <span className="dashboard-glyph" aria-hidden>
          ▦
        </span>
        <a
          href={hrefFor(path)}
          onClick={(e) => {
            if (!isPlainClick(e)) return;
            e.preventDefault();
            navigate(path);
          }}
        >
          {dashboard.title}
        </a>
        {dashboard.description && (
          <span className="dashboard-description">{dashboard.description}</span>
        )}
      </td>
      <td className="num">{dashboard.panelCount}</td>
      {signIn.on && (
        <td>
          <SharingBadge
            owner={dashboard.owner}
            sharing={dashboard.sharing}
            access={dashboard.access}
            me={signIn.me?.id}
          />
        </td>
      )}
      <td className="muted" title={dashboard.updatedAt}>
        {formatSavedAt(dashboard.updatedAt)}
      </td>
      <td className="actions">
        {isOwner(dashboard.access) && (
          <button
            type="button"
            className="row-action"
            data-testid={testIds.dashboardDelete}
            aria-label={`Delete ${dashboard.title}`}
            onClick={onDelete}
          >
            Delete
          </button>
        )}
      </td>
    </tr>
  );
}
