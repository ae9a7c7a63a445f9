import type { Access, Sharing } from '../../model';
import { testIds } from '../testIds';
import { describeSharing, sharingLabel } from './sharingText';
import './Sharing.css';

/** Owner and sharing of a saved object, for the lists; "view only" when the reader may not edit. */
export function SharingBadge({
  owner,
  sharing,
  access,
  me,
}: {
  owner: string;
  sharing: Sharing;
  access: Access;
  /** The signed-in person's id: their own objects say "you". */
  me: string | undefined;
}) {
  return (
    <span className="sharing-badge" data-testid={testIds.sharingBadge}>
      <span className="sharing-owner" title={`Owner: ${owner}`}>
        {owner === me ? 'you' : owner}
      </span>
      <span className={`sharing-kind ${sharing.kind}`} title={describeSharing(sharing)}>
        {sharingLabel(sharing)}
      </span>
      {access === 'view' && <span className="sharing-readonly">view only</span>}
    </span>
  );
}
