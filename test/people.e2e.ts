import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ContactPageView, TicketDetailView } from '#contracts';
import { PersonLinkingService } from '../apps/server/src/people/person-linking.service.js';
import { OaDesk, type OaAccountFixture } from './support/oa-desk.js';
import { startProduct, type Product } from './support/product-harness.js';

async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * People across channels (BX3, CV5) with the simulator playing WeChat: the same customer following two
 * Official Accounts bound to one Open Platform account has one UnionID, so the desk links the two contacts
 * by itself once their profiles are fetched; agents merge and split by hand; and each user sees only the
 * parts of a person on channels they may see.
 */
describe('people across channels', () => {
  let product: Product;
  let desk: OaDesk;
  let tea: OaAccountFixture;
  let hidden: OaAccountFixture;
  const unionId = 'oUnion_person_0001';
  let coffeeContact: string;
  let teaContact: string;
  let hiddenContact: string;

  beforeAll(async () => {
    product = await startProduct();
    desk = await OaDesk.open(product);
    tea = await desk.createOaChannel({ suffix: 'tea' });
    hidden = await desk.createOaChannel({ suffix: 'hidden' });
    // The agent is not associated with this one: they must never see its side of the person.
    await desk.api('PUT', `/api/channels/${hidden.channelId}/agents`, { agentIds: [] }, product.admin.token);
  }, 120_000);

  afterAll(async () => {
    await desk?.close();
    await product?.stop();
  });

  const page = (contactId: string, token = desk.agentToken) =>
    desk.api<ContactPageView & { code?: string; message?: string }>(
      'GET',
      `/api/contacts/${contactId}`,
      undefined,
      token,
    );
  const contactOf = async (openid: string) =>
    (await desk.sql<{ id: string }>(`SELECT id FROM contacts WHERE platform_user_id = $1`, [openid]))[0].id;

  it('links the same customer on two channels by UnionID once their profiles are fetched', async () => {
    const onCoffee = await desk.newCustomer(desk.demo, { unionid: unionId });
    const onTea = await desk.newCustomer(tea, { unionid: unionId });
    await desk.customerSays(onCoffee, '你好，我在咖啡店买的会员卡');
    await desk.customerSays(onTea, '你好，茶叶店也能用会员卡吗', tea);
    coffeeContact = await contactOf(onCoffee);
    teaContact = await contactOf(onTea);

    const linked = await eventually(
      () => page(coffeeContact),
      (response) => response.body.contacts?.length === 2,
    );
    expect(linked.status).toBe(200);
    expect(linked.body.contacts.map((c) => [c.id, c.channelName, c.linkedBy])).toEqual([
      [coffeeContact, 'Demo Coffee', 'unionid'],
      [teaContact, 'Shop tea', 'unionid'],
    ]);
    expect(linked.body.conversations.map((c) => [c.channelName, c.status])).toEqual(
      expect.arrayContaining([
        ['Demo Coffee', 'waiting'],
        ['Shop tea', 'waiting'],
      ]),
    );
    expect(linked.body.tickets).toEqual([]);
    expect(linked.body.activity.map((a) => a.description)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Linked .* on Shop tea: the platform's UnionID/)]),
    );
    // The same page from the other contact: the same person, that contact first.
    const fromTea = await page(teaContact);
    expect(fromTea.body.personId).toBe(linked.body.personId);
    expect(fromTea.body.contacts.map((c) => c.id)).toEqual([teaContact, coffeeContact]);

    // A ticket of either contact shows on the person's page (CV5), with the conversation it came from.
    const teaConversation = await desk.conversationIdOf(onTea);
    const {
      body: { ticket },
    } = await desk.api<TicketDetailView>(
      'POST',
      '/api/tickets',
      { conversationId: teaConversation, subject: '会员卡通用吗' },
      desk.agentToken,
    );
    const withTicket = (await page(coffeeContact)).body.tickets;
    expect(withTicket).toEqual([
      expect.objectContaining({
        id: ticket.id,
        reference: `#${ticket.number}`,
        subject: '会员卡通用吗',
        status: 'open',
        conversationId: teaConversation,
      }),
    ]);
  });

  it('shows each user only the parts of a person on channels they may see', async () => {
    const elsewhere = await desk.newCustomer(hidden, { unionid: unionId });
    await desk.customerSays(elsewhere, '我在另一个号上', hidden);
    hiddenContact = await contactOf(elsewhere);
    const asAdmin = await eventually(
      () => page(coffeeContact, product.admin.token),
      (response) => response.body.contacts?.length === 3,
    );
    expect(asAdmin.body.contacts).toHaveLength(3);

    const asAgent = await page(coffeeContact);
    expect(asAgent.body.contacts.map((c) => c.id)).toEqual([coffeeContact, teaContact]);
    expect(asAgent.body.conversations.map((c) => c.channelName)).not.toContain('Shop hidden');
    const text = JSON.stringify(asAgent.body);
    expect(text).not.toContain(hiddenContact);
    expect(text).not.toContain('Shop hidden');
    expect(asAgent.body.activity.map((a) => a.description)).toContain(
      "Linked a contact on another channel: the platform's UnionID says it is the same person",
    );
    expect((await page(hiddenContact)).status).toBe(404);
    const merge = await desk.api('POST', `/api/contacts/${coffeeContact}/merge`, {
      contactId: hiddenContact,
    });
    expect(merge.status).toBe(404);
  });

  it('lets an agent split a contact off, and the UnionID does not link it back', async () => {
    const split = await desk.api<ContactPageView>('POST', `/api/contacts/${teaContact}/split`);
    expect(split.status).toBe(200);
    expect(split.body.contacts.map((c) => c.id)).toEqual([teaContact]);
    expect(split.body.personId).toBeNull();
    const rest = await page(coffeeContact);
    expect(rest.body.contacts.map((c) => c.id)).toEqual([coffeeContact]);
    expect(rest.body.activity[0]).toMatchObject({
      kind: 'split',
      actorName: product.seed.agent.name,
      description: `${product.seed.agent.name} split ${split.body.contact.displayName} on Shop tea off this person`,
    });

    // The next profile refresh says the same UnionID again: the agent's decision stands.
    await product.app.get(PersonLinkingService).linkByUnionId(teaContact, unionId);
    expect((await page(teaContact)).body.contacts.map((c) => c.id)).toEqual([teaContact]);
    const again = await desk.api<{ code: string }>('POST', `/api/contacts/${teaContact}/split`);
    expect(again).toMatchObject({ status: 409, body: { code: 'conflict' } });
  });

  it('makes no person of one contact: the others with its UnionID were split off', async () => {
    const first = await desk.newCustomer(desk.demo, { unionid: 'oUnion_alone_0001' });
    await desk.customerSays(first, '第一次来');
    const firstContact = await contactOf(first);
    await desk.sql(
      `UPDATE contacts SET union_id = 'oUnion_alone_0001', person_link = 'separate' WHERE id = $1`,
      [firstContact],
    );
    const second = await desk.newCustomer(tea, { unionid: 'oUnion_alone_0001' });
    await desk.customerSays(second, '第二次来', tea);
    const secondContact = await contactOf(second);
    await desk.sql(`UPDATE contacts SET union_id = 'oUnion_alone_0001' WHERE id = $1`, [secondContact]);
    const linking = product.app.get(PersonLinkingService);
    expect(await linking.linkByUnionId(secondContact, 'oUnion_alone_0001')).toBeNull();
    expect((await page(secondContact)).body).toMatchObject({
      personId: null,
      contacts: [{ id: secondContact }],
    });
    expect((await page(firstContact)).body.personId).toBeNull();
  });

  it('lets an agent merge two contacts into one person, with the history saying who did it', async () => {
    const merged = await desk.api<ContactPageView>('POST', `/api/contacts/${coffeeContact}/merge`, {
      contactId: teaContact,
    });
    expect(merged.status).toBe(200);
    expect(merged.body.contacts.map((c) => [c.id, c.linkedBy])).toEqual([
      [coffeeContact, 'unionid'],
      [teaContact, 'agent'],
    ]);
    expect(merged.body.conversations.map((c) => c.channelName).sort()).toEqual(['Demo Coffee', 'Shop tea']);
    expect(merged.body.activity[0]).toMatchObject({ kind: 'merged', actorName: product.seed.agent.name });

    const twice = await desk.api<{ code: string; message: string }>(
      'POST',
      `/api/contacts/${teaContact}/merge`,
      {
        contactId: coffeeContact,
      },
    );
    expect(twice).toMatchObject({
      status: 409,
      body: { message: 'These two contacts are already the same person' },
    });
    const itself = await desk.api('POST', `/api/contacts/${teaContact}/merge`, { contactId: teaContact });
    expect(itself.status).toBe(400);
  });

  it('merges whole people: a contact’s own person brings its other contacts, notes and name', async () => {
    const a = await desk.customerWhoWrote(desk.demo, '第一个号');
    const b = await desk.customerWhoWrote(tea, '第二个号');
    const contactA = await contactOf(a.openid);
    const contactB = await contactOf(b.openid);
    await desk.api('PATCH', `/api/contacts/${contactB}/person`, { displayName: '陈静', notes: '喜欢乌龙茶' });
    const merged = await desk.api<ContactPageView>('POST', `/api/contacts/${contactA}/merge`, {
      contactId: contactB,
    });
    expect(merged.body).toMatchObject({ displayName: '陈静', customName: '陈静', notes: '喜欢乌龙茶' });
    expect(merged.body.contacts.map((c) => c.id)).toEqual([contactA, contactB]);
  });

  it('keeps the agents’ name and notes for a person, and refuses bad ones', async () => {
    const edited = await desk.api<ContactPageView>('PATCH', `/api/contacts/${teaContact}/person`, {
      displayName: '  李雷  ',
      notes: '会员卡号 8823，偏好下午联系',
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      displayName: '李雷',
      customName: '李雷',
      notes: '会员卡号 8823，偏好下午联系',
    });
    expect(edited.body.activity[0]).toMatchObject({
      kind: 'edited',
      description: `${product.seed.agent.name} changed the name and the notes`,
    });
    expect((await page(coffeeContact)).body.displayName).toBe('李雷');

    const cleared = await desk.api<ContactPageView>('PATCH', `/api/contacts/${teaContact}/person`, {
      displayName: null,
    });
    expect(cleared.body.customName).toBeNull();
    expect(cleared.body.displayName).toBe(cleared.body.contact.displayName);

    const tooLong = await desk.api('PATCH', `/api/contacts/${teaContact}/person`, {
      displayName: 'x'.repeat(81),
    });
    expect(tooLong.status).toBe(400);
    const notes = await desk.api('PATCH', `/api/contacts/${teaContact}/person`, { notes: 'x'.repeat(4001) });
    expect(notes.status).toBe(400);
    expect((await page(teaContact)).body.notes).toBe('会员卡号 8823，偏好下午联系');
  });
});
