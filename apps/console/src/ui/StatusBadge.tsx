import type { ConversationStatus } from '#contracts';
import { assertNever } from './assert-never';

export function statusLabel(status: ConversationStatus): string {
  switch (status) {
    case 'waiting':
      return 'Waiting';
    case 'active':
      return 'Active';
    case 'missed':
      return 'Missed';
    case 'closed':
      return 'Closed';
    default:
      return assertNever(status);
  }
}

export function StatusBadge({ status }: { status: ConversationStatus }) {
  return <span className={`badge badge--${status}`}>{statusLabel(status)}</span>;
}
