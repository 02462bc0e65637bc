import type { DeliveryState, MessageView } from '#contracts';

/** How far along its way a message is: an update never moves a message backwards within one send. */
const PROGRESS: Record<DeliveryState, number> = {
  received: 0,
  queued: 1,
  sent: 2,
  failed: 2,
  unconfirmed: 2,
};

/** By time, then in the order the server stored them (several WeChat messages can share one second). */
function byTime(a: MessageView, b: MessageView): number {
  return (
    Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.sequence - b.sequence || a.id.localeCompare(b.id)
  );
}

export function sortOldestFirst(messages: MessageView[]): MessageView[] {
  return [...messages].sort(byTime);
}

/** Whether `incoming` is newer news about a message than `current`. */
function supersedes(incoming: MessageView, current: MessageView): boolean {
  // An agent's retry starts the message's way again (and moves it to the end of the conversation).
  if (incoming.retries !== current.retries) return incoming.retries > current.retries;
  return PROGRESS[incoming.deliveryState] >= PROGRESS[current.deliveryState];
}

/**
 * Adds or updates one message by id. The agent's own message arrives twice (the POST response and the
 * socket event), and a delivery update may overtake the POST response: both are handled here.
 */
export function mergeMessage(list: MessageView[], incoming: MessageView): MessageView[] {
  const index = list.findIndex((m) => m.id === incoming.id);
  if (index === -1) return sortOldestFirst([...list, incoming]);
  if (!supersedes(incoming, list[index])) return list;
  const next = [...list];
  next[index] = incoming;
  return incoming.createdAt === list[index].createdAt ? next : sortOldestFirst(next);
}
