import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TicketDetailView } from '#contracts';
import { OaDesk } from '../../../test/support/oa-desk.js';
import { startProduct, type Product } from '../../../test/support/product-harness.js';
import { startServer, type TestServer } from '../../../test/support/server-harness.js';

/**
 * Ticket numbers people say aloud are unique across the installation: two server processes (two connection
 * pools on one PostgreSQL) converting chats at the same moment never hand out a number twice, and a
 * conversation raced onto a ticket by both becomes exactly one ticket.
 */
describe('ticket numbers with two server processes', () => {
  let product: Product;
  let second: TestServer;
  let desk: OaDesk;

  beforeAll(async () => {
    product = await startProduct();
    const { PORT: _port, PUBLIC_URL: _url, ...shared } = product.env;
    second = await startServer(shared, { sharedDatabaseUrl: product.databaseUrl });
    desk = await OaDesk.open(product);
  }, 120_000);

  afterAll(async () => {
    await desk?.close();
    await second?.stop();
    await product?.stop();
  });

  const convertOn = async (serverUrl: string, conversationId: string) => {
    const response = await fetch(`${serverUrl}/api/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${desk.agentToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ conversationId }),
    });
    return {
      status: response.status,
      body: (await response.json()) as TicketDetailView & { message: string },
    };
  };

  it('numbers tickets created at once on both processes uniquely', async () => {
    const conversations: string[] = [];
    for (let i = 0; i < 16; i += 1)
      conversations.push((await desk.customerWhoWrote(undefined, `问题 ${i}`)).conversationId);

    const results = await Promise.all(
      conversations.map((id, i) => convertOn(i % 2 === 0 ? product.serverUrl : second.url, id)),
    );
    expect(results.map((r) => r.status)).toEqual(conversations.map(() => 201));
    const numbers = results.map((r) => r.body.ticket.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(Math.min(...numbers)).toBeGreaterThanOrEqual(1001);
    const stored = await desk.sql<{ number: number }>(`SELECT number FROM tickets ORDER BY number`);
    expect(stored.map((r) => r.number)).toEqual([...numbers].sort((a, b) => a - b));
  });

  it('makes one ticket of a conversation converted on both processes at the same moment', async () => {
    for (let round = 0; round < 5; round += 1) {
      const { conversationId } = await desk.customerWhoWrote(undefined, `同时 ${round}`);
      const [a, b] = await Promise.all([
        convertOn(product.serverUrl, conversationId),
        convertOn(second.url, conversationId),
      ]);
      expect([a.status, b.status].sort()).toEqual([201, 409]);
      const loser = a.status === 409 ? a : b;
      expect(loser.body.message).toMatch(/already on ticket #\d+|just put on a ticket/);
      const tickets = await desk.sql(
        `SELECT t.id FROM tickets t JOIN ticket_conversations tc ON tc.ticket_id = t.id WHERE tc.conversation_id = $1`,
        [conversationId],
      );
      expect(tickets).toHaveLength(1);
    }
    // Neither process left a ticket without its conversation behind.
    expect(
      await desk.sql(
        `SELECT id FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM ticket_conversations tc WHERE tc.ticket_id = t.id)`,
      ),
    ).toEqual([]);
  });
});
