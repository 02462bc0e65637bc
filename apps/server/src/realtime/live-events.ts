import type { LiveEventName, LiveEventPayloads, LiveEventRecord } from '#contracts';
import type { DomainEventMap } from '../common/domain-events.js';
import { rooms } from './socket-rooms.js';

/** An event on its way into the log: what it says and which rooms receive it. */
export interface LiveEvent<E extends LiveEventName = LiveEventName> {
  event: E;
  payload: LiveEventPayloads[E];
  rooms: string[];
}

/** An event from the log: its `seq` is inside the payload, exactly as sockets receive it. */
export type LoggedEvent = LiveEventRecord & { seq: number; rooms: string[] };

export function logged(event: LiveEvent, seq: number): LoggedEvent {
  return {
    seq,
    event: event.event,
    payload: { ...event.payload, seq },
    rooms: event.rooms,
  } as LoggedEvent;
}

/** Everyone who may see the conversation's channel, and whoever is viewing it. */
function conversationAudience(channelId: string, conversationId: string): string[] {
  return [rooms.channel(channelId), rooms.allChannels, rooms.conversation(conversationId)];
}

/**
 * Who receives each conversation event. A customer's message, created or completed (its media arrived), goes
 * to everyone who may see the channel. The progress of an agent's reply (queued, retrying, sent, failed) is
 * frequent and matters on the conversation's own screen and to its author, so it goes only there.
 */
export const conversationEvents = {
  messageCreated({ channelId, conversationId, message }: DomainEventMap['message.created']): LiveEvent {
    return {
      event: 'message.created',
      payload: { conversationId, message },
      rooms: conversationAudience(channelId, conversationId),
    };
  },
  messageUpdated({ channelId, conversationId, message }: DomainEventMap['message.updated']): LiveEvent {
    const delivery = message.direction === 'outbound';
    return {
      event: 'message.updated',
      payload: { conversationId, message },
      rooms: delivery
        ? [
            rooms.conversation(conversationId),
            ...(message.senderAgentId ? [rooms.user(message.senderAgentId)] : []),
          ]
        : conversationAudience(channelId, conversationId),
    };
  },
  conversationUpdated({ channelId, conversation }: DomainEventMap['conversation.updated']): LiveEvent {
    return {
      event: 'conversation.updated',
      payload: { conversation },
      rooms: conversationAudience(channelId, conversation.id),
    };
  },
  conversationActivity({
    channelId,
    conversationId,
    activity,
  }: DomainEventMap['conversation.activity']): LiveEvent {
    return {
      event: 'conversation.activity',
      payload: { conversationId, activity },
      rooms: conversationAudience(channelId, conversationId),
    };
  },
};

export function presenceChanged(
  { userId, presence, reason }: DomainEventMap['presence.changed'],
  departmentIds: string[],
): LiveEvent {
  return {
    event: 'presence.changed',
    payload: { userId, presence, reason },
    rooms: [rooms.user(userId), rooms.allDepartments, ...departmentIds.map(rooms.department)],
  };
}

/** Tickets follow their conversations: whoever may see one of their channels sees the ticket (NF5). */
export function ticketEvent(
  event: 'ticket.created' | 'ticket.updated',
  { channelIds, ticket }: DomainEventMap['ticket.created'],
): LiveEvent {
  return {
    event,
    payload: { ticket },
    rooms: [...channelIds.map(rooms.channel), rooms.allChannels],
  };
}
