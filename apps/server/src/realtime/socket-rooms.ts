import type { Role } from '#contracts';
import type { ChannelScope } from '../identity/access-scope.service.js';

/**
 * Socket.IO rooms. An event is addressed to rooms; a socket is in the rooms its user's current scope allows
 * (RT1, CH5): the user's own, their departments', the channels they may see (admins: every channel and
 * department), and the conversations they are viewing.
 */
export const rooms = {
  user: (userId: string) => `user:${userId}`,
  session: (sessionId: string) => `session:${sessionId}`,
  department: (departmentId: string) => `department:${departmentId}`,
  channel: (channelId: string) => `channel:${channelId}`,
  conversation: (conversationId: string) => `conversation:${conversationId}`,
  allChannels: 'channels:all',
  allDepartments: 'departments:all',
} as const;

/** Who a socket belongs to, and what they may see now. */
export interface SocketScope {
  userId: string;
  sessionId: string;
  role: Role;
  channels: ChannelScope;
  departmentIds: string[];
}

/** The rooms a socket of this user belongs in, apart from the conversations it views. */
export function scopeRooms(scope: SocketScope): string[] {
  const admin = scope.role === 'admin';
  return [
    rooms.user(scope.userId),
    rooms.session(scope.sessionId),
    ...(admin ? [rooms.allDepartments] : scope.departmentIds.map(rooms.department)),
    ...(scope.channels.all ? [rooms.allChannels] : scope.channels.channelIds.map(rooms.channel)),
  ];
}

export function mayViewChannel(scope: SocketScope, channelId: string): boolean {
  return scope.channels.all || scope.channels.channelIds.includes(channelId);
}

/**
 * How to move a socket from the rooms it is in to what its scope allows now: the conversations it views stay
 * only while their channel is still visible (`viewing`: conversation id → channel id).
 */
export function roomChanges(
  current: Iterable<string>,
  scope: SocketScope,
  viewing: Readonly<Record<string, string>>,
  socketId: string,
): { join: string[]; leave: string[] } {
  const wanted = new Set(scopeRooms(scope));
  for (const [conversationId, channelId] of Object.entries(viewing)) {
    if (mayViewChannel(scope, channelId)) wanted.add(rooms.conversation(conversationId));
  }
  const have = new Set(current);
  have.delete(socketId);
  return {
    join: [...wanted].filter((room) => !have.has(room)),
    leave: [...have].filter((room) => !wanted.has(room)),
  };
}
