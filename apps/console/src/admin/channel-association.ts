import type { ChannelView, UserView } from '#contracts';

/**
 * Channel–agent association (CH5), one rule set for both sides: the channel's Agents section and the
 * person's Channels section. The API has one write, `PUT /api/channels/:id/agents`, so both go through it.
 */

/** Admins see every channel anyway; a deactivated person takes no chats. */
export function isAssociable(user: Pick<UserView, 'role' | 'active'>): boolean {
  return user.role !== 'admin' && user.active;
}

export function channelIdsOf(userId: string, channels: ChannelView[]): string[] {
  return channels.filter((channel) => channel.agentIds.includes(userId)).map((channel) => channel.id);
}

export function agentIdsWith(agentIds: string[], userId: string, associated: boolean): string[] {
  const others = agentIds.filter((id) => id !== userId);
  return associated ? [...others, userId] : others;
}

type AssociationApi = {
  getChannel(id: string): Promise<ChannelView>;
  setAgents(id: string, agentIds: string[]): Promise<ChannelView>;
};

/**
 * Associates one person with exactly `wantedChannelIds` among `channels`, channel by channel. Each channel is
 * read again just before its write, so that agents someone else added meanwhile are kept. Returns the
 * channels as saved; stops at the first refusal (the channels written before it stay written).
 */
export async function setChannelsOfAgent(
  api: AssociationApi,
  userId: string,
  wantedChannelIds: string[],
  channels: ChannelView[],
): Promise<ChannelView[]> {
  const wanted = new Set(wantedChannelIds);
  const saved: ChannelView[] = [];
  for (const channel of channels) {
    const associated = wanted.has(channel.id);
    if (channel.agentIds.includes(userId) === associated) {
      saved.push(channel);
      continue;
    }
    const fresh = await api.getChannel(channel.id);
    saved.push(
      fresh.agentIds.includes(userId) === associated
        ? fresh
        : await api.setAgents(channel.id, agentIdsWith(fresh.agentIds, userId, associated)),
    );
  }
  return saved;
}
