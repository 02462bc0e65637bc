import type { ConversationActivityView, MessageView } from '#contracts';

export type TimelineItem =
  | { kind: 'message'; key: string; at: string; message: MessageView }
  | { kind: 'activity'; key: string; at: string; activity: ConversationActivityView };

/**
 * Messages (in their storage order, which stays as it is) with the activity lines between them by time: a
 * line goes before the first message stored after it. Activity arrives in its own order (by id).
 */
export function mergeTimeline(messages: MessageView[], activity: ConversationActivityView[]): TimelineItem[] {
  const lines = [...activity].sort((a, b) => Number(a.id) - Number(b.id));
  const items: TimelineItem[] = [];
  let next = 0;
  for (const message of messages) {
    const at = Date.parse(message.createdAt);
    while (next < lines.length && Date.parse(lines[next].at) < at) {
      const line = lines[next++];
      items.push({ kind: 'activity', key: `activity-${line.id}`, at: line.at, activity: line });
    }
    items.push({ kind: 'message', key: message.id, at: message.createdAt, message });
  }
  for (const line of lines.slice(next)) {
    items.push({ kind: 'activity', key: `activity-${line.id}`, at: line.at, activity: line });
  }
  return items;
}

/** Adds or replaces one line (a live event may repeat what the first load already had). */
export function mergeActivity(
  current: ConversationActivityView[],
  line: ConversationActivityView,
): ConversationActivityView[] {
  if (current.some((existing) => existing.id === line.id)) return current;
  return [...current, line].sort((a, b) => Number(a.id) - Number(b.id));
}
