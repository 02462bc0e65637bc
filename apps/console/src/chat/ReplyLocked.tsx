import { LockIcon } from '../ui/icons';
import type { ReplyState } from './reply-window';

/** Shown instead of the composer when WeChat would refuse a reply. */
export function ReplyLocked({ reply }: { reply: Exclude<ReplyState, { kind: 'open' }> }) {
  return (
    <div className="reply-locked" role="note">
      <LockIcon size={18} />
      {reply.kind === 'channel-unavailable' ? (
        <p>
          {reply.deleted
            ? 'This channel was deleted. Its conversations are kept read-only: replies cannot be sent.'
            : 'This channel is deactivated. Replies cannot be sent until an admin reactivates it.'}
        </p>
      ) : reply.kind === 'conversation-closed' ? (
        <p>This conversation is closed. Replies can no longer be sent.</p>
      ) : (
        <p>
          More than 48 hours have passed since the customer last wrote. WeChat allows no reply until they
          write again.
        </p>
      )}
    </div>
  );
}
