import type { AgentLoadView } from '#contracts';

const PRESENCE: Record<AgentLoadView['presence'], string> = {
  online: 'online',
  away: 'away',
  offline: 'offline',
};

/** "Li Wei · online · 2/5 chats": enough to choose whom to give a chat to. */
export function agentOptionLabel(agent: AgentLoadView): string {
  return `${agent.name} · ${PRESENCE[agent.presence]} · ${agent.activeChats}/${agent.maxConcurrentChats} chats`;
}
