import type { DepartmentSettings } from '#contracts';
import { isOpenAt } from '../preferences/business-hours.js';

export type LeftMessageReason = 'outside-business-hours' | 'no-agent-online' | 'queue-full';

export interface DeskNow {
  /** Agents associated with the chat's channel who are online (not away, not offline). */
  agentsOnline: number;
  /** Chats waiting in the department's queue, this one included. */
  waiting: number;
}

/**
 * TK4: does a customer who just started a chat get the leave-a-message reply, and why? Closed hours first
 * (the reason people understand best), then nobody online, then a full queue.
 */
export function leaveMessageReason(
  settings: DepartmentSettings,
  desk: DeskNow,
  at: Date,
): LeftMessageReason | null {
  if (!settings.leaveMessage.enabled) return null;
  if (!isOpenAt(settings.businessHours, at)) return 'outside-business-hours';
  if (desk.agentsOnline === 0) return 'no-agent-online';
  if (settings.queueLimit !== null && desk.waiting > settings.queueLimit) return 'queue-full';
  return null;
}

export function describeLeftMessage(
  reason: LeftMessageReason,
  settings: DepartmentSettings,
  waiting: number,
): string {
  switch (reason) {
    case 'outside-business-hours':
      return `Left a message: outside business hours (${settings.businessHours?.timeZone ?? 'UTC'})`;
    case 'no-agent-online':
      return 'Left a message: no agent of this channel was online';
    case 'queue-full':
      return `Left a message: ${waiting} chats waiting, over the queue limit of ${settings.queueLimit ?? 0}`;
  }
}
