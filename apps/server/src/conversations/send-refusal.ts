import type { ReplyLock, ReplyLockReason } from '#contracts';
import { DomainError, ErrorCode } from '../common/domain-error.js';

const REFUSAL: Record<ReplyLockReason, ErrorCode> = {
  'channel-deleted': ErrorCode.ChannelDeleted,
  'channel-inactive': ErrorCode.ChannelInactive,
  'conversation-closed': ErrorCode.ConversationClosed,
  unfollowed: ErrorCode.CustomerUnfollowed,
  'no-customer-message': ErrorCode.WindowClosed,
  'window-expired': ErrorCode.WindowClosed,
  'budget-used': ErrorCode.MessageBudgetUsed,
};

/** A reply the window does not allow, refused with the lock's own words (409). */
export function sendRefusal(lock: ReplyLock): DomainError {
  return new DomainError(REFUSAL[lock.reason], lock.message, { lock: lock.reason });
}
