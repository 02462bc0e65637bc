import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  ChannelView,
  ConversationActivityView,
  ConversationView,
  DepartmentView,
  MessageView,
} from '#contracts';
import { startServer, type TestServer } from '../../../test/support/server-harness.js';
import { ConversationIngestService } from '../src/conversations/conversation-ingest.service.js';
import type { InboundContent, InboundMessage } from '../src/conversations/inbound-message.js';

const hours = (from: Date, h: number) => new Date(from.getTime() + h * 3_600_000);

/** CV2 against real PostgreSQL: after 48 hours of silence a customer's message starts a new conversation. */
describe('a customer writing after 48 hours of silence', () => {
  let server: TestServer;
  let token: string;
  let channel: ChannelView;
  let ingest: ConversationIngestService;
  let sequence = 0;

  beforeAll(async () => {
    server = await startServer();
    token = await server.login(server.admin.email, server.admin.password);
    const department = await server.request<DepartmentView>('POST', '/api/departments', {
      token,
      body: { name: 'Support' },
    });
    channel = (
      await server.request<ChannelView>('POST', '/api/channels', {
        token,
        body: {
          kind: 'wechat-oa',
          name: 'Silence test',
          departmentId: department.body.id,
          config: {
            appId: 'wx1111222233335555',
            appSecret: 'a'.repeat(32),
            token: 'token123',
            originalId: 'gh_silence0test',
            encryptionMode: 'plaintext',
          },
        },
      })
    ).body;
    ingest = server.app.get(ConversationIngestService);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  const inbound = (person: string, content: InboundContent, at: Date): InboundMessage => ({
    channelId: channel.id,
    platformMessageId: `silence-${++sequence}`,
    sender: { platformUserId: person, fallbackDisplayName: `Silence_${person}` },
    replyWindowEffect: content.type === 'event' ? 'unchanged' : 'opens',
    content,
    opensConversation: content.type !== 'event',
    payload: {},
    sentAt: at,
  });
  const text = (words: string): InboundContent => ({ type: 'text', text: words });
  const conversationsOf = async (person: string, status: string) =>
    (
      await server.request<ConversationView[]>('GET', `/api/conversations?status=${status}`, { token })
    ).body.filter((c) => c.contact.displayName === `Silence_${person}`);
  const get = async <T>(path: string) => (await server.request<T>('GET', path, { token })).body;

  it('closes the silent conversation with the reason in its activity and opens a new one for the message', async () => {
    const first = new Date('2026-05-01T09:00:00Z');
    const opened = await ingest.ingest(
      inbound('oLate', text('My order is late'), first),
      channel.departmentId,
    );
    if (opened.duplicate) throw new Error('duplicate');
    await ingest.ingest(inbound('oLate', text('Any news?'), hours(first, 1)), channel.departmentId);

    const again = await ingest.ingest(
      inbound('oLate', text('Hello again'), hours(first, 49.5)),
      channel.departmentId,
    );
    if (again.duplicate) throw new Error('duplicate');
    expect(again.conversationOpened).toBe(true);
    expect(again.conversationId).not.toBe(opened.conversationId);

    const [open] = await conversationsOf('oLate', 'open');
    expect(open).toMatchObject({
      id: again.conversationId,
      status: 'waiting',
      lastMessagePreview: 'Hello again',
    });
    expect((await get<MessageView[]>(`/api/conversations/${open.id}/messages`)).map((m) => m.text)).toEqual([
      'Hello again',
    ]);

    const old = await get<ConversationView>(`/api/conversations/${opened.conversationId}`);
    expect(old.status).toBe('closed');
    expect((await get<MessageView[]>(`/api/conversations/${old.id}/messages`)).map((m) => m.text)).toEqual([
      'My order is late',
      'Any news?',
    ]);
    const activity = await get<ConversationActivityView[]>(`/api/conversations/${old.id}/activity`);
    expect(activity).toEqual([
      expect.objectContaining({
        kind: 'closed',
        actor: null,
        fromStatus: 'waiting',
        toStatus: 'closed',
        reason: 'Closed after 48 hours of silence: the customer wrote again, in a new conversation',
      }),
    ]);
  });

  it('keeps the conversation when the customer writes within 48 hours, and events never start a new one', async () => {
    const first = new Date('2026-05-02T09:00:00Z');
    const opened = await ingest.ingest(inbound('oPatient', text('Hi'), first), channel.departmentId);
    const within = await ingest.ingest(
      inbound('oPatient', text('Still there?'), hours(first, 47.9)),
      channel.departmentId,
    );
    const event = await ingest.ingest(
      inbound(
        'oPatient',
        { type: 'event', event: 'menu-clicked', platformEvent: 'CLICK', description: 'Tapped', key: 'k' },
        hours(first, 120),
      ),
      channel.departmentId,
    );
    if (opened.duplicate || within.duplicate || event.duplicate) throw new Error('duplicate');
    expect(within).toMatchObject({ conversationId: opened.conversationId, conversationOpened: false });
    expect(event).toMatchObject({ conversationId: opened.conversationId, conversationOpened: false });
    expect(await conversationsOf('oPatient', 'closed')).toEqual([]);
    expect(
      await get<ConversationActivityView[]>(`/api/conversations/${opened.conversationId}/activity`),
    ).toEqual([]);
  });

  it('a retried delivery of the late message changes nothing the second time', async () => {
    const first = new Date('2026-05-03T09:00:00Z');
    await ingest.ingest(inbound('oRetry', text('Hi'), first), channel.departmentId);
    const late = inbound('oRetry', text('Back'), hours(first, 60));
    const [a, b] = await Promise.all([
      ingest.ingest(late, channel.departmentId),
      ingest.ingest(late, channel.departmentId),
    ]);
    expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
    expect(await conversationsOf('oRetry', 'open')).toHaveLength(1);
    expect(await conversationsOf('oRetry', 'closed')).toHaveLength(1);
  });
});
