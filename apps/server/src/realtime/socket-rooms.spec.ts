import { describe, expect, it } from '@jest/globals';
import { roomChanges, scopeRooms, type SocketScope } from './socket-rooms.js';

const agent: SocketScope = {
  userId: 'u1',
  sessionId: 's1',
  role: 'agent',
  channels: { all: false, channelIds: ['c1', 'c2'] },
  departmentIds: ['d1'],
};

describe('scopeRooms', () => {
  it('puts an agent in their own, their session’s, their departments’ and their channels’ rooms', () => {
    expect(scopeRooms(agent)).toEqual(['user:u1', 'session:s1', 'department:d1', 'channel:c1', 'channel:c2']);
  });

  it('puts an admin in the rooms of every channel and department', () => {
    expect(scopeRooms({ ...agent, role: 'admin', channels: { all: true }, departmentIds: ['d1'] })).toEqual([
      'user:u1',
      'session:s1',
      'departments:all',
      'channels:all',
    ]);
  });
});

describe('roomChanges', () => {
  it('moves a socket to its new channels and drops the conversations of a channel it no longer sees', () => {
    const current = ['socket-id', 'user:u1', 'session:s1', 'department:d1', 'channel:c1', 'channel:c2'];
    current.push('conversation:k1', 'conversation:k2');
    const narrowed = { ...agent, channels: { all: false as const, channelIds: ['c2', 'c3'] } };
    expect(roomChanges(current, narrowed, { k1: 'c1', k2: 'c2' }, 'socket-id')).toEqual({
      join: ['channel:c3'],
      leave: ['channel:c1', 'conversation:k1'],
    });
  });

  it('changes nothing when the scope is the same', () => {
    const current = ['socket-id', ...scopeRooms(agent), 'conversation:k2'];
    expect(roomChanges(current, agent, { k2: 'c2' }, 'socket-id')).toEqual({ join: [], leave: [] });
  });

  it('leaves a department and keeps every conversation for an admin', () => {
    const current = ['socket-id', ...scopeRooms(agent), 'conversation:k9'];
    const admin: SocketScope = { ...agent, role: 'admin', channels: { all: true }, departmentIds: [] };
    expect(roomChanges(current, admin, { k9: 'c9' }, 'socket-id')).toEqual({
      join: ['departments:all', 'channels:all'],
      leave: ['department:d1', 'channel:c1', 'channel:c2'],
    });
  });
});
