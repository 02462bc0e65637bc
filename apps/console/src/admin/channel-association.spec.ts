import { describe, expect, it } from '@jest/globals';
import type { ChannelView } from '#contracts';
import { agentIdsWith, channelIdsOf, isAssociable, setChannelsOfAgent } from './channel-association';

const channel = (id: string, agentIds: string[]) => ({ id, name: id, agentIds }) as unknown as ChannelView;

/** A server with channels in memory, recording the writes it gets. */
function fakeServer(initial: ChannelView[]) {
  const stored = new Map(initial.map((c) => [c.id, c]));
  const writes: Array<[string, string[]]> = [];
  return {
    writes,
    stored,
    getChannel: (id: string) => Promise.resolve(stored.get(id)!),
    setAgents(id: string, agentIds: string[]) {
      writes.push([id, agentIds]);
      if (id === 'refused') return Promise.reject(new Error('Channel not found'));
      const next = { ...stored.get(id)!, agentIds };
      stored.set(id, next);
      return Promise.resolve(next);
    },
  };
}

describe('channel–agent association', () => {
  it('offers active agents and supervisors, never admins or deactivated people', () => {
    expect(isAssociable({ role: 'agent', active: true })).toBe(true);
    expect(isAssociable({ role: 'supervisor', active: true })).toBe(true);
    expect(isAssociable({ role: 'admin', active: true })).toBe(false);
    expect(isAssociable({ role: 'agent', active: false })).toBe(false);
  });

  it('reads a person’s channels and adds or removes them once', () => {
    const channels = [channel('a', ['u1', 'u2']), channel('b', ['u2'])];
    expect(channelIdsOf('u1', channels)).toEqual(['a']);
    expect(agentIdsWith(['u2'], 'u1', true)).toEqual(['u2', 'u1']);
    expect(agentIdsWith(['u2', 'u1'], 'u1', true)).toEqual(['u2', 'u1']);
    expect(agentIdsWith(['u2', 'u1'], 'u1', false)).toEqual(['u2']);
  });

  it('writes only the channels that change, keeping agents someone else added meanwhile', async () => {
    const seen = [channel('a', ['u1']), channel('b', []), channel('c', ['u1'])];
    const server = fakeServer([channel('a', ['u1']), channel('b', ['u9']), channel('c', ['u1', 'u8'])]);
    const saved = await setChannelsOfAgent(server, 'u1', ['a', 'b'], seen);
    expect(server.writes).toEqual([
      ['b', ['u9', 'u1']],
      ['c', ['u8']],
    ]);
    expect(saved.map((c) => [c.id, c.agentIds])).toEqual([
      ['a', ['u1']],
      ['b', ['u9', 'u1']],
      ['c', ['u8']],
    ]);
  });

  it('does not write a channel that already is as wanted, and stops at a refusal', async () => {
    const server = fakeServer([channel('a', ['u1']), channel('refused', []), channel('z', [])]);
    await expect(
      setChannelsOfAgent(server, 'u1', ['a', 'refused', 'z'], [channel('a', []), channel('refused', [])]),
    ).rejects.toThrow('Channel not found');
    expect(server.writes).toEqual([['refused', ['u1']]]);
  });
});
