import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ChannelView, ConversationView, DepartmentView, MessageView } from '#contracts';
import pg from 'pg';
import { startServer, type TestServer } from '../../../test/support/server-harness.js';
import { ConversationIngestService } from '../src/conversations/conversation-ingest.service.js';
import type { InboundContent, InboundMessage } from '../src/conversations/inbound-message.js';

/** The conversation core's ingest rules, against real PostgreSQL, without any platform in the way. */
describe('ingesting inbound messages', () => {
  let server: TestServer;
  let token: string;
  let channel: ChannelView;
  let ingest: ConversationIngestService;
  let db: pg.Client;
  let sequence = 0;

  beforeAll(async () => {
    server = await startServer();
    token = await server.login(server.admin.email, server.admin.password);
    const department = await server.request<DepartmentView>('POST', '/api/departments', {
      token,
      body: { name: 'Support' },
    });
    const created = await server.request<ChannelView>('POST', '/api/channels', {
      token,
      body: {
        kind: 'wechat-oa',
        name: 'Ingest test',
        departmentId: department.body.id,
        config: {
          appId: 'wx1111222233334444',
          appSecret: 'a'.repeat(32),
          token: 'token123',
          originalId: 'gh_ingest0test',
          encryptionMode: 'plaintext',
        },
      },
    });
    channel = created.body;
    ingest = server.app.get(ConversationIngestService);
    db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
  }, 60_000);

  afterAll(async () => {
    await db?.end();
    await server?.stop();
  });

  const inbound = (
    person: string,
    content: InboundContent,
    options: { at: Date; opens?: boolean; id?: string },
  ): InboundMessage => ({
    channelId: channel.id,
    platformMessageId: options.id ?? `msg-${++sequence}`,
    sender: { platformUserId: person, fallbackDisplayName: `Ingest test_${person}` },
    replyWindowEffect: content.type !== 'event' ? 'opens' : 'unchanged',
    content,
    opensConversation: options.opens ?? content.type !== 'event',
    payload: {},
    sentAt: options.at,
  });
  const text = (words: string): InboundContent => ({ type: 'text', text: words });
  const menuClick: InboundContent = {
    type: 'event',
    event: 'menu-clicked',
    platformEvent: 'CLICK',
    description: 'Tapped the menu item “talk_to_agent”',
    key: 'talk_to_agent',
  };
  const conversationsOf = async (person: string) =>
    (
      await server.request<ConversationView[]>('GET', '/api/conversations?status=open', { token })
    ).body.filter((c) => c.contact.displayName === `Ingest test_${person}`);
  const messagesOf = async (conversationId: string) =>
    (await server.request<MessageView[]>('GET', `/api/conversations/${conversationId}/messages`, { token }))
      .body;

  it('lets an event marked as opening (a "talk to an agent" menu tap) open a conversation, without opening the reply window', async () => {
    const at = new Date('2026-03-01T10:00:00Z');
    const result = await ingest.ingest(
      inbound('oTalker', menuClick, { at, opens: true }),
      channel.departmentId,
    );
    expect(result).toMatchObject({ duplicate: false, conversationOpened: true });
    const [conversation] = await conversationsOf('oTalker');
    expect(conversation).toMatchObject({
      status: 'waiting',
      lastMessageAt: at.toISOString(),
      lastMessagePreview: 'Tapped the menu item “talk_to_agent”',
      // Only the customer writing opens WeChat's 48-hour window.
      lastCustomerMessageAt: null,
    });

    const later = new Date('2026-03-01T10:05:00Z');
    await ingest.ingest(inbound('oTalker', text('Hello?'), { at: later }), channel.departmentId);
    const [after] = await conversationsOf('oTalker');
    expect(after).toMatchObject({ id: conversation.id, lastCustomerMessageAt: later.toISOString() });
    expect((await messagesOf(conversation.id)).map((m) => m.type)).toEqual(['event', 'text']);
  });

  it('keeps an event against the contact when no conversation is open, and moves nothing', async () => {
    const at = new Date('2026-03-02T10:00:00Z');
    const result = await ingest.ingest(inbound('oQuiet', menuClick, { at }), channel.departmentId);
    expect(result).toMatchObject({ duplicate: false, conversationId: null, conversationOpened: false });
    expect(await conversationsOf('oQuiet')).toEqual([]);
    const { rows } = await db.query(
      `SELECT m.conversation_id, ct.platform_user_id FROM messages m JOIN contacts ct ON ct.id = m.contact_id WHERE m.id = $1`,
      [result.messageId],
    );
    expect(rows).toEqual([{ conversation_id: null, platform_user_id: 'oQuiet' }]);
  });

  it('stores one message when the same platform id is ingested many times at once', async () => {
    const at = new Date('2026-03-03T10:00:00Z');
    const results = await Promise.all(
      Array.from({ length: 25 }, () =>
        ingest.ingest(inbound('oRacer', text('once'), { at, id: 'same-platform-id' }), channel.departmentId),
      ),
    );
    const stored = results.filter((r) => !r.duplicate);
    expect(stored).toHaveLength(1);
    expect(new Set(results.map((r) => r.messageId))).toEqual(new Set([stored[0].messageId]));
    const [conversation] = await conversationsOf('oRacer');
    expect((await messagesOf(conversation.id)).map((m) => m.text)).toEqual(['once']);
    const { rows } =
      await db.query(`SELECT count(*)::int AS n FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
      WHERE ct.platform_user_id = 'oRacer'`);
    expect(rows[0].n).toBe(1);
  });

  it('runs the caller’s record inside the transaction: if it fails, the message is not stored', async () => {
    const at = new Date('2026-03-04T10:00:00Z');
    await expect(
      ingest.ingest(inbound('oRecorded', text('rolled back'), { at }), channel.departmentId, {
        record: async (_result, tx) => {
          expect(tx).not.toBeNull();
          throw new Error('recorder is down');
        },
      }),
    ).rejects.toThrow('recorder is down');
    expect(await conversationsOf('oRecorded')).toEqual([]);
  });
});
