import type { ConversationActivityView } from '#contracts';
import { assertNever } from '../ui/assert-never';

const by = (activity: ConversationActivityView) => (activity.actor ? ` by ${activity.actor.name}` : '');
const name = (person: { name: string } | null, fallback: string) => person?.name ?? fallback;

/**
 * One quiet line of the conversation's timeline: "Assigned to Li Wei by Zhang Min", "Transferred to Sales:
 * <note>", "Closed after 24 h idle". What the system did carries its reason, a sentence of its own.
 */
export function activityText(activity: ConversationActivityView): string {
  const note = activity.note ? `: ${activity.note}` : '';
  switch (activity.kind) {
    case 'picked':
      return `${name(activity.actor, 'An agent')} took the chat`;
    case 'assigned':
    case 'reassigned':
      return `${activity.kind === 'assigned' ? 'Assigned' : 'Reassigned'} to ${name(activity.assigneeAfter, 'an agent')}${by(activity)}`;
    case 'auto-assigned':
      return `Assigned to ${name(activity.assigneeAfter, 'an agent')} automatically`;
    case 'transferred': {
      const to =
        activity.assigneeAfter?.name ??
        (activity.departmentAfter ? `${activity.departmentAfter.name} (waiting)` : 'the queue');
      return `Transferred to ${to}${by(activity)}${note}`;
    }
    case 'participant-added':
      return `${name(activity.assigneeAfter, 'An agent')} joined the chat${activity.actor ? `, added by ${activity.actor.name}` : ''}`;
    case 'missed':
      return activity.reason ?? 'Missed: nobody took the chat in time';
    case 'closed':
      if (activity.actor) return `Closed by ${activity.actor.name}`;
      return activity.reason ?? 'Closed';
    case 'idle-warning':
      return activity.reason ?? 'The conversation has been idle';
    default:
      return assertNever(activity.kind);
  }
}
