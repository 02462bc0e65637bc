import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CallbackLogEntryView, CallbackLogPage, ConversationView, EncryptionMode } from '#contracts';
import { buildXml, sealOaCallback } from '#wechat';
import pg from 'pg';
import { createOaChannel, userApi, type OaTestChannel } from './support/oa-channels.js';
import { startProduct, type Product } from './support/product-harness.js';

/**
 * Exactly once (OA4) and bad input (NF4) at the callback, with the flight recorder (BX1) as the witness:
 * retries racing store one message; every refused push gets a clear answer, stores nothing, and shows as
 * refused; a push we failed to store can be re-ingested, still deduplicated.
 */
describe('the Official Account callback under retries, attacks and failures', () => {
  let product: Product;
  let admin: ReturnType<typeof userApi>;
  let agent: ReturnType<typeof userApi>;

  beforeAll(async () => {
    product = await startProduct();
    admin = userApi(product, product.admin.token);
    agent = userApi(product, await product.login(product.agent.email, product.agent.password));
  }, 60_000);

  afterAll(() => product?.stop());

  const logOf = async (channelId: string, query = '') =>
    (
      await admin.call<CallbackLogPage>(
        'GET',
        `/api/admin/callbacks?channelId=${channelId}&limit=200${query}`,
      )
    ).body.entries;

  const push = (channel: OaTestChannel, openid: string, fields: Record<string, string | number>) =>
    buildXml({
      ToUserName: channel.originalId,
      FromUserName: openid,
      CreateTime: Math.floor(Date.now() / 1000),
      ...fields,
    });

  describe.each<EncryptionMode>(['plaintext', 'safe'])('retries racing each other (%s)', (mode) => {
    it('stores one message when the same push arrives three times at once', async () => {
      const channel = await createOaChannel(product, mode);
      const openid = await channel.newCustomer();
      const message = push(channel, openid, {
        MsgType: 'text',
        Content: 'only once, please',
        MsgId: '5512345678900000001',
      });
      const event = push(channel, openid, { MsgType: 'event', Event: 'CLICK', EventKey: 'talk_to_agent' });
      // As WeChat retries: the same push, sealed once.
      const sealed = sealOaCallback(message, channel.secrets, { openid });
      const answers = await Promise.all([1, 2, 3].map(() => channel.postRaw(sealed.query, sealed.body)));
      expect(answers).toEqual(Array(3).fill({ status: 200, body: 'success' }));
      const eventAnswers = await Promise.all([1, 2, 3].map(() => channel.post(event, { openid })));
      expect(eventAnswers).toEqual(Array(3).fill({ status: 200, body: 'success' }));

      const conversation = (await agent.conversationOf(openid))!;
      const messages = await agent.messages(conversation.id);
      expect(messages.map((m) => m.text)).toEqual([
        'only once, please',
        'Tapped the menu item “talk_to_agent”',
      ]);

      const entries = await logOf(channel.channel.id);
      const verdicts = (type: string) =>
        entries
          .filter((e) => e.messageType === type)
          .map((e) => e.verdict)
          .sort();
      expect(verdicts('text')).toEqual(['duplicate', 'duplicate', 'new']);
      expect(verdicts('event')).toEqual(['duplicate', 'duplicate', 'new']);
      // A duplicate points at the message the first delivery stored.
      const textEntries = entries.filter((e) => e.messageType === 'text');
      expect(new Set(textEntries.map((e) => e.messageId))).toEqual(new Set([messages[0].id]));
      expect(textEntries.every((e) => e.result === 'stored')).toBe(true);
    });
  });

  describe.each<EncryptionMode>(['plaintext', 'compatible', 'safe'])('bad input (%s)', (mode) => {
    let channel: OaTestChannel;
    let openid: string;
    let good: { query: Record<string, string>; body: string };

    beforeAll(async () => {
      channel = await createOaChannel(product, mode);
      openid = await channel.newCustomer();
      good = sealOaCallback(
        push(channel, openid, { MsgType: 'text', Content: 'forged?', MsgId: '4412345678900000001' }),
        channel.secrets,
        { openid },
      );
    });

    const refusedWith = async (
      response: { status: number; body: string },
      status: number,
      code: string,
      reason: RegExp,
      recorded = reason,
    ) => {
      expect(response.status).toBe(status);
      const body = JSON.parse(response.body) as { code: string; message: string };
      expect(body.code).toBe(code);
      expect(body.message).toMatch(reason);
      const [latest] = await logOf(channel.channel.id);
      expect(latest).toMatchObject({ result: 'refused', verdict: null, payload: null, messageId: null });
      expect(latest.reason).toMatch(recorded);
      expect((latest.bodyPrefix ?? '').length).toBeLessThanOrEqual(121);
    };

    it('refuses a wrong signature', async () => {
      await refusedWith(
        await channel.postRaw({ ...good.query, signature: 'f'.repeat(40) }, good.body),
        401,
        'invalid_signature',
        /signature does not match/,
      );
    });

    if (mode !== 'plaintext') {
      it('refuses a wrong msg_signature over the ciphertext', async () => {
        await refusedWith(
          await channel.postRaw({ ...good.query, msg_signature: '0'.repeat(40) }, good.body),
          401,
          'invalid_signature',
          /msg_signature does not match/,
        );
      });

      it('refuses a ciphertext made for another AppID, even with the right Token and key', async () => {
        const forOther = sealOaCallback(
          push(channel, openid, { MsgType: 'text', Content: 'not for you', MsgId: '4412345678900000002' }),
          { ...channel.secrets, appId: 'wx0000000000000bad' },
          { openid },
        );
        await refusedWith(
          await channel.postRaw(forOther.query, forOther.body),
          401,
          'invalid_signature',
          /encrypted for another receive id/,
        );
      });
    }

    if (mode === 'safe') {
      it('refuses a push that is not encrypted', async () => {
        const plain = sealOaCallback(
          push(channel, openid, { MsgType: 'text', Content: 'plain', MsgId: '4412345678900000003' }),
          { ...channel.secrets, encryptionMode: 'plaintext' },
          { openid },
        );
        await refusedWith(
          await channel.postRaw(plain.query, plain.body),
          401,
          'invalid_signature',
          /not encrypted/,
        );
      });
    }

    it('refuses malformed XML', async () => {
      const broken = sealOaCallback('<xml><ToUserName>gh_x</ToUserName></xml>', channel.secrets);
      await refusedWith(
        await channel.postRaw(
          broken.query,
          '<xml><ToUserName><![CDATA[gh_x]]></ToUserName><FromUserName>oBroken',
        ),
        400,
        'invalid_callback',
        /not valid WeChat XML/,
      );
    });

    it('refuses a DTD with an external entity, without reading it', async () => {
      const evil =
        '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY leak SYSTEM "file:///etc/passwd">]>' +
        `<xml><ToUserName><![CDATA[${channel.originalId}]]></ToUserName><FromUserName>&leak;</FromUserName></xml>`;
      const signed = sealOaCallback('<xml><ToUserName>gh_x</ToUserName></xml>', channel.secrets);
      const { msg_signature: _ignored, encrypt_type: _alsoIgnored, ...plainQuery } = signed.query;
      const query = mode === 'plaintext' ? plainQuery : signed.query;
      const response = await channel.postRaw(query, evil);
      await refusedWith(response, 400, 'invalid_callback', /DOCTYPE or entity/);
      expect(response.body).not.toContain('root:');
    });

    it('refuses a 2 MB body before reading it', async () => {
      const huge = `${good.body}<!--${'x'.repeat(2 * 1024 * 1024)}-->`;
      await refusedWith(
        await channel.postRaw(good.query, huge),
        413,
        'payload_too_large',
        /too large/,
        /larger than 1 MB/,
      );
    });

    it('stored nothing for any of it', async () => {
      const conversations = await admin.call<ConversationView[]>(
        'GET',
        `/api/conversations?status=open&channelId=${channel.channel.id}`,
      );
      expect(conversations.body).toEqual([]);
      const entries = await logOf(channel.channel.id);
      expect(entries.length).toBeGreaterThanOrEqual(4);
      expect(entries.every((e) => e.result === 'refused')).toBe(true);
    });
  });

  describe('the flight recorder', () => {
    let channel: OaTestChannel;

    beforeAll(async () => {
      channel = await createOaChannel(product, 'plaintext');
    });

    it('is for admins only, filters, pages, and explains a bad query', async () => {
      const openid = await channel.newCustomer();
      for (const content of ['one', 'two', 'three']) await channel.send(openid, { type: 'text', content });
      await channel.send(openid, { type: 'click', eventKey: 'hours' });
      const sealed = sealOaCallback(
        push(channel, openid, { MsgType: 'text', Content: 'again', MsgId: '3312345678900000001' }),
        channel.secrets,
      );
      await channel.postRaw(sealed.query, sealed.body);
      await channel.postRaw(sealed.query, sealed.body);
      await channel.postRaw({ ...sealed.query, signature: 'a'.repeat(40) }, sealed.body);

      expect((await agent.call('GET', '/api/admin/callbacks')).status).toBe(403);

      const all = await logOf(channel.channel.id);
      expect(all).toHaveLength(7);
      expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => Number(b) - Number(a)));
      expect(all[0]).toMatchObject({
        channelId: channel.channel.id,
        channelKind: 'wechat-oa',
        channelName: channel.channel.name,
        result: 'refused',
        canReingest: false,
      });

      expect((await logOf(channel.channel.id, '&result=refused')).length).toBe(1);
      expect((await logOf(channel.channel.id, '&verdict=duplicate')).map((e) => e.payload?.fields)).toEqual([
        expect.objectContaining({ Content: 'again' }),
      ]);
      expect((await logOf(channel.channel.id, '&type=event')).map((e) => e.eventType)).toEqual(['CLICK']);
      expect(await logOf(channel.channel.id, '&from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z')).toEqual(
        [],
      );
      expect(
        (
          await logOf(
            channel.channel.id,
            `&from=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}`,
          )
        ).length,
      ).toBe(7);

      const first = await admin.call<CallbackLogPage>(
        'GET',
        `/api/admin/callbacks?channelId=${channel.channel.id}&limit=4`,
      );
      expect(first.body.entries).toHaveLength(4);
      expect(first.body.retentionDays).toBe(14);
      const second = await admin.call<CallbackLogPage>(
        'GET',
        `/api/admin/callbacks?channelId=${channel.channel.id}&limit=4&before=${first.body.nextCursor}`,
      );
      expect(second.body.entries.map((e) => e.id)).toEqual(all.slice(4).map((e) => e.id));
      expect(second.body.nextCursor).toBeNull();

      const bad = await admin.call<{ code: string; message: string }>(
        'GET',
        '/api/admin/callbacks?limit=0&from=yesterday',
      );
      expect(bad.status).toBe(400);
      expect(bad.body.message).toMatch(/limit must not be less than 1/);
      expect(bad.body.message).toMatch(/from must be an ISO 8601 date-time/);
    });

    it('re-ingests a push we failed to store, still deduplicated', async () => {
      const openid = await channel.newCustomer();
      const db = new pg.Client({ connectionString: product.databaseUrl });
      await db.connect();
      // A database that refuses this one message: our failure, so WeChat's three attempts all get a 500.
      await db.query(
        `ALTER TABLE messages ADD CONSTRAINT test_refuses_poison CHECK (text IS DISTINCT FROM 'poison')`,
      );
      let failedDelivery;
      try {
        failedDelivery = await channel.send(openid, { type: 'text', content: 'poison' });
      } finally {
        await db.query(`ALTER TABLE messages DROP CONSTRAINT test_refuses_poison`);
        await db.end();
      }
      expect(failedDelivery).toMatchObject({ delivered: false, attempts: 3 });
      expect(failedDelivery.responses.map((r) => r.status)).toEqual([500, 500, 500]);
      expect(await agent.conversationOf(openid)).toBeUndefined();

      const failed = await logOf(channel.channel.id, '&result=failed');
      expect(failed).toHaveLength(3);
      expect(failed[0]).toMatchObject({ verdict: null, canReingest: true, messageType: 'text' });
      expect(failed[0].reason).toMatch(/test_refuses_poison/);

      const replayed = await admin.call<CallbackLogEntryView>(
        'POST',
        `/api/admin/callbacks/${failed[2].id}/reingest`,
      );
      expect(replayed.status).toBe(201);
      expect(replayed.body).toMatchObject({ result: 'stored', verdict: 'new', reingestOf: failed[2].id });
      const conversation = (await agent.conversationOf(openid))!;
      expect((await agent.messages(conversation.id)).map((m) => m.text)).toEqual(['poison']);
      expect(replayed.body.conversationId).toBe(conversation.id);

      // The other two attempts were the same push: re-ingesting them changes nothing.
      const again = await admin.call<CallbackLogEntryView>(
        'POST',
        `/api/admin/callbacks/${failed[1].id}/reingest`,
      );
      expect(again.body).toMatchObject({
        result: 'stored',
        verdict: 'duplicate',
        messageId: replayed.body.messageId,
      });
      expect((await agent.messages(conversation.id)).map((m) => m.text)).toEqual(['poison']);

      const stored = await admin.call<{ code: string }>(
        'POST',
        `/api/admin/callbacks/${replayed.body.id}/reingest`,
      );
      expect(stored).toMatchObject({ status: 409, body: { code: 'cannot_reingest' } });
      const refused = (await logOf(channel.channel.id, '&result=refused'))[0];
      expect((await admin.call('POST', `/api/admin/callbacks/${refused.id}/reingest`)).status).toBe(409);
      expect((await agent.call('POST', `/api/admin/callbacks/${failed[0].id}/reingest`)).status).toBe(403);
      expect((await admin.call('POST', '/api/admin/callbacks/99999999/reingest')).status).toBe(404);
      expect((await admin.call('POST', '/api/admin/callbacks/not-a-number/reingest')).status).toBe(400);
    });
  });
});
