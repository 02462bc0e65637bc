import type { ChannelView, DepartmentView, UserView } from '#contracts';
import type { TestServer } from '../../../../test/support/server-harness.js';
import { ConversationIngestService } from '../../src/conversations/conversation-ingest.service.js';

export interface TeamMember {
  user: UserView;
  token: string;
}

let counter = 0;

/** A department, a channel routed to it, and people in it, made through the API as an admin would. */
export class DeskTeam {
  private constructor(
    readonly server: TestServer,
    readonly adminToken: string,
    readonly department: DepartmentView,
    readonly channel: ChannelView,
  ) {}

  static async create(server: TestServer, name: string): Promise<DeskTeam> {
    const adminToken = await server.login(server.admin.email, server.admin.password);
    const department = await must<DepartmentView>(server, 'POST', '/api/departments', adminToken, { name });
    const n = ++counter;
    const channel = await must<ChannelView>(server, 'POST', '/api/channels', adminToken, {
      kind: 'wechat-oa',
      name: `${name} channel`,
      departmentId: department.id,
      config: {
        appId: `wx${String(n).padStart(4, '0')}111122223333`,
        appSecret: 'a'.repeat(32),
        token: 'token123',
        originalId: `gh_team${String(n).padStart(5, '0')}`,
        encryptionMode: 'plaintext',
      },
    });
    return new DeskTeam(server, adminToken, department, channel);
  }

  /** Signs them in (which makes them online), associated with the channel unless `associated` is false. */
  async member(
    name: string,
    options: {
      role?: 'agent' | 'supervisor';
      capacity?: number;
      associated?: boolean;
      departmentIds?: string[];
    } = {},
  ): Promise<TeamMember> {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${++counter}@example.com`;
    const password = 'member-test-password';
    const user = await must<UserView>(this.server, 'POST', '/api/users', this.adminToken, {
      email,
      name,
      password,
      role: options.role ?? 'agent',
      departmentIds: options.departmentIds ?? [this.department.id],
      maxConcurrentChats: options.capacity ?? 5,
    });
    if (options.associated !== false) await this.associate(this.channel, user.id);
    return { user, token: await this.server.login(email, password) };
  }

  async associate(channel: ChannelView, userId: string): Promise<void> {
    const current = await must<ChannelView>(
      this.server,
      'GET',
      `/api/channels/${channel.id}`,
      this.adminToken,
    );
    const agentIds = current.agentIds;
    await must(this.server, 'PUT', `/api/channels/${channel.id}/agents`, this.adminToken, {
      agentIds: [...new Set([...agentIds, userId])],
    });
  }

  async setAutoAssign(on: boolean, departmentId = this.department.id): Promise<void> {
    await must(this.server, 'PUT', `/api/departments/${departmentId}/assignment`, this.adminToken, {
      autoAssign: on,
    });
  }

  async presence(member: TeamMember, presence: 'online' | 'away' | 'offline'): Promise<void> {
    const response = await this.server.request('PUT', '/api/me/presence', {
      token: member.token,
      body: { presence },
    });
    if (response.status !== 204) throw new Error(`presence: ${response.status}`);
  }

  /** A customer writes on the channel: returns the conversation it went into. */
  async customerWrites(
    person: string,
    text: string,
    at = new Date(),
    channel = this.channel,
  ): Promise<string> {
    const result = await this.server.app.get(ConversationIngestService).ingest(
      {
        channelId: channel.id,
        platformMessageId: `team-${++counter}-${Date.now()}`,
        sender: { platformUserId: person, fallbackDisplayName: person },
        replyWindowEffect: 'opens',
        content: { type: 'text', text },
        opensConversation: true,
        payload: {},
        sentAt: at,
      },
      channel.departmentId,
    );
    if (result.duplicate || !result.conversationId) throw new Error('the message opened no conversation');
    return result.conversationId;
  }
}

export async function must<T = unknown>(
  server: TestServer,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<T> {
  const response = await server.request<T>(method, path, { token, body });
  if (response.status >= 300)
    throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Polls until `check` passes (after-commit work such as auto-assignment runs in the background). */
export async function eventually(check: () => Promise<void>, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
