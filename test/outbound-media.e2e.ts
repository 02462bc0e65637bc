import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AttachmentKind, ConversationView, MessageView, UploadedAttachment } from '#contracts';
import { UnsentUploadsPurge } from '../apps/server/src/media/unsent-uploads-purge.service.js';
import { OaDesk } from './support/oa-desk.js';
import { startProduct, type Product } from './support/product-harness.js';
import { SAMPLE_FILES, sized } from './support/sample-files.js';

const UPLOAD = '/cgi-bin/media/upload';
const SEND = '/cgi-bin/message/custom/send';
const MB = 1024 * 1024;

type Refusal = { code: string; message: string };
type InboxItem = { msgtype: string; payload: Record<string, unknown>; content?: string };

/**
 * Agents' attachments (issue 4 item 11, OA5, CV6): uploaded for a conversation, checked by content against
 * the channel's rules, sent through media/upload and custom/send to the simulated customer — once, also when
 * WeChat fails on the way — and refused with the limit named and nothing kept when they do not fit.
 */
describe('outbound media, against the simulator', () => {
  let product: Product;
  let desk: OaDesk;

  beforeAll(async () => {
    product = await startProduct();
    desk = await OaDesk.open(product);
  }, 60_000);

  afterAll(async () => {
    await desk?.close();
    await product?.stop();
  });

  async function upload(
    conversationId: string,
    kind: AttachmentKind | string,
    data: Buffer,
    filename: string,
    options: { field?: string; token?: string } = {},
  ): Promise<{ status: number; body: UploadedAttachment & Refusal }> {
    const form = new FormData();
    form.append(options.field ?? 'file', new Blob([data]), filename);
    const response = await fetch(
      `${product.serverUrl}/api/conversations/${conversationId}/attachments?kind=${kind}`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${options.token ?? desk.agentToken}` },
        body: form,
      },
    );
    return { status: response.status, body: (await response.json()) as UploadedAttachment & Refusal };
  }

  const sendFile = (conversationId: string, type: string, mediaId: string) =>
    desk.api<MessageView & Refusal>('POST', `/api/conversations/${conversationId}/messages`, {
      type,
      mediaId,
    });

  /** Uploads and sends a file; resolves with the message once it has left `queued`. */
  async function attachAndSend(conversationId: string, kind: AttachmentKind, data: Buffer, filename: string) {
    const uploaded = await upload(conversationId, kind, data, filename);
    expect(uploaded.status).toBe(201);
    const sent = await sendFile(conversationId, kind, uploaded.body.media.id);
    expect(sent.status).toBe(201);
    return desk.settled(conversationId, sent.body.id);
  }

  const simulatorMedia = async (mediaId: unknown) => {
    const response = await fetch(`${product.simulator.url}/sim/media/${String(mediaId)}`);
    return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
  };

  const outboundFiles = async () =>
    (
      await desk.sql<{ n: number }>(`SELECT count(*)::int AS n FROM media_files WHERE direction = 'outbound'`)
    )[0].n;

  async function filesOnDisk(dir = product.env.MEDIA_DIR): Promise<string[]> {
    const entries = await readdir(dir, { withFileTypes: true });
    const nested = await Promise.all(
      entries.map((entry) =>
        entry.isDirectory() ? filesOnDisk(join(dir, entry.name)) : Promise.resolve([join(dir, entry.name)]),
      ),
    );
    return nested.flat().sort();
  }

  it('delivers an image, a voice message and a video to the customer, with media ids WeChat knows', async () => {
    const { openid, conversationId } = await desk.customerWhoWrote();
    const conversation = await desk.conversation(conversationId);
    expect(conversation.attachmentRules.map((rule) => [rule.kind, rule.maxBytes])).toEqual([
      ['image', 10 * MB],
      ['voice', 2 * MB],
      ['video', 10 * MB],
    ]);
    const since = desk.lastCallSeq();

    const image = await attachAndSend(conversationId, 'image', SAMPLE_FILES.jpg, '发票.jpg');
    const voice = await attachAndSend(conversationId, 'voice', SAMPLE_FILES.mp3, 'answer.mp3');
    const video = await attachAndSend(conversationId, 'video', SAMPLE_FILES.mp4, 'how-to.mp4');
    for (const message of [image, voice, video]) {
      expect(message).toMatchObject({ direction: 'outbound', deliveryState: 'sent', failureReason: null });
    }
    // The agent's own bubbles carry the files, served like inbound media.
    expect(image.content).toMatchObject({
      type: 'image',
      image: {
        state: 'ready',
        contentType: 'image/jpeg',
        filename: '发票.jpg',
        bytes: SAMPLE_FILES.jpg.length,
      },
    });
    expect(voice.content).toMatchObject({ type: 'voice', audio: { contentType: 'audio/mpeg' } });
    expect(video.content).toMatchObject({
      type: 'video',
      video: { contentType: 'video/mp4' },
      thumbnail: null,
    });
    const served = await fetch(
      `${product.serverUrl}/api/media/${(image.content as { image: { id: string } }).image.id}/content`,
      {
        headers: { authorization: `Bearer ${desk.agentToken}` },
      },
    );
    expect(Buffer.from(await served.arrayBuffer()).equals(SAMPLE_FILES.jpg)).toBe(true);

    const inbox = (await desk.inbox(openid)) as unknown as InboxItem[];
    expect(inbox.map((item) => item.msgtype)).toEqual(['image', 'voice', 'video']);
    // What reached the customer is the agent's file, byte for byte.
    const [sentImage, sentVoice, sentVideo] = inbox;
    expect((await simulatorMedia(sentImage.payload.media_id)).body.equals(SAMPLE_FILES.jpg)).toBe(true);
    expect((await simulatorMedia(sentVoice.payload.media_id)).body.equals(SAMPLE_FILES.mp3)).toBe(true);
    expect((await simulatorMedia(sentVideo.payload.media_id)).body.equals(SAMPLE_FILES.mp4)).toBe(true);
    const cover = await simulatorMedia(sentVideo.payload.thumb_media_id);
    expect(cover.status).toBe(200);
    expect(cover.body.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(true);
    expect(cover.body.length).toBeLessThanOrEqual(64 * 1024);

    expect(desk.calls(since, UPLOAD).map((call) => call.query.type)).toEqual([
      'image',
      'voice',
      'video',
      'thumb',
    ]);
    expect(desk.calls(since, SEND)).toHaveLength(3);
    // Every message counts against the customer's budget, whatever it carries.
    expect((await desk.conversation(conversationId)).replyWindow).toMatchObject({
      messagesUsed: 3,
      messagesLeft: 2,
    });
    const [{ last_message_preview }] = await desk.sql<{ last_message_preview: string }>(
      `SELECT last_message_preview FROM conversations WHERE id = $1`,
      [conversationId],
    );
    expect(last_message_preview).toBe('[Video]');
  });

  it('counts files in the one budget: the sixth message is refused, and so is its upload', async () => {
    const { openid, conversationId } = await desk.customerWhoWrote();
    await desk.replyAndSettle(conversationId, 'one');
    await attachAndSend(conversationId, 'image', SAMPLE_FILES.png, 'a.png');
    await attachAndSend(conversationId, 'voice', SAMPLE_FILES.amr, 'b.amr');
    await desk.replyAndSettle(conversationId, 'four');
    const fifth = await upload(conversationId, 'image', SAMPLE_FILES.jpg, 'c.jpg');
    const sixth = await upload(conversationId, 'image', SAMPLE_FILES.jpg, 'd.jpg');
    expect((await sendFile(conversationId, 'image', fifth.body.media.id)).status).toBe(201);

    const refused = await sendFile(conversationId, 'image', sixth.body.media.id);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'message_budget_used',
      message:
        '5 of 5 messages used since the customer last wrote: WeChat allows no more until they write again.',
    });
    const before = await outboundFiles();
    const locked = await upload(conversationId, 'image', SAMPLE_FILES.jpg, 'e.jpg');
    expect(locked.status).toBe(409);
    expect(locked.body.code).toBe('message_budget_used');
    expect(await outboundFiles()).toBe(before);
    await desk.until(
      () => desk.inbox(openid),
      (items) => items.length === 5,
    );

    // The customer writes: the upload refused by the budget can be sent now.
    await desk.customerSays(openid, '收到');
    expect((await sendFile(conversationId, 'image', sixth.body.media.id)).status).toBe(201);
    const again = await sendFile(conversationId, 'image', sixth.body.media.id);
    expect(again).toMatchObject({ status: 409, body: { code: 'conflict' } });
  });

  it('retries a file whose upload WeChat failed (500, busy) and the customer gets it once', async () => {
    const { openid, conversationId } = await desk.customerWhoWrote();
    await desk.sim('POST', '/sim/faults', { path: UPLOAD, kind: 'http-500' });
    let since = desk.lastCallSeq();
    const first = await attachAndSend(conversationId, 'image', SAMPLE_FILES.png, 'chart.png');
    expect(first).toMatchObject({ deliveryState: 'sent', attempts: 2, failureReason: null });
    expect(
      desk
        .calls(since)
        .filter((c) => [UPLOAD, SEND].includes(c.path))
        .map((c) => [c.path, c.fault ?? null]),
    ).toEqual([
      [UPLOAD, 'http-500'],
      [UPLOAD, null],
      [SEND, null],
    ]);

    // custom/send busy after a good upload: the retry reuses WeChat's id instead of uploading again.
    await desk.sim('POST', '/sim/faults', { path: SEND, kind: 'busy' });
    since = desk.lastCallSeq();
    const second = await attachAndSend(conversationId, 'voice', SAMPLE_FILES.amr, 'memo.amr');
    expect(second).toMatchObject({ deliveryState: 'sent', attempts: 2 });
    expect(
      desk
        .calls(since)
        .filter((c) => [UPLOAD, SEND].includes(c.path))
        .map((c) => [c.path, c.fault ?? null]),
    ).toEqual([
      [UPLOAD, null],
      [SEND, 'busy'],
      [SEND, null],
    ]);
    const inbox = (await desk.inbox(openid)) as unknown as InboxItem[];
    expect(inbox.map((item) => item.msgtype)).toEqual(['image', 'voice']);
  });

  it('uploads again when WeChat no longer knows the file (its 3 days are over)', async () => {
    const { openid, conversationId } = await desk.customerWhoWrote();
    // WeChat takes the image but answers too late: unconfirmed, never resent by itself.
    await desk.sim('POST', '/sim/faults', { path: SEND, kind: 'delay', ms: 6000 });
    const unconfirmed = await attachAndSend(conversationId, 'image', SAMPLE_FILES.jpg, 'late.jpg');
    expect(unconfirmed.deliveryState).toBe('unconfirmed');
    await desk.until(
      () => desk.inbox(openid),
      (items) => items.length === 1,
    );

    // Days later, the customer having written within every 48 hours (so this is still one chat, CV2), the
    // agent sends the picture again: WeChat's 3 days for the uploaded file are over.
    product.simulator.clock.advance(40 * 3600);
    await desk.customerSays(openid, '在吗？');
    product.simulator.clock.advance(32 * 3600 + 60);
    await desk.customerSays(openid, '图片没收到');
    expect(await desk.conversationIdOf(openid)).toBe(conversationId);
    const since = desk.lastCallSeq();
    expect((await desk.retry(conversationId, unconfirmed.id)).status).toBe(200);
    expect((await desk.settled(conversationId, unconfirmed.id)).deliveryState).toBe('sent');
    expect(
      desk
        .calls(since)
        .filter((c) => [UPLOAD, SEND].includes(c.path))
        .map((c) => [c.path, (c.response as { errcode?: number }).errcode ?? 0]),
    ).toEqual([
      [SEND, 42001], // the access token ran out too: replaced, then…
      [SEND, 40007], // …WeChat no longer knows the image:
      [UPLOAD, 0], // uploaded again, once,
      [SEND, 0],
    ]);
    const inbox = (await desk.inbox(openid)) as unknown as InboxItem[];
    expect(inbox.map((item) => item.msgtype)).toEqual(['image', 'image']);
    expect(inbox[0].payload.media_id).not.toBe(inbox[1].payload.media_id);
    expect((await simulatorMedia(inbox[1].payload.media_id)).body.equals(SAMPLE_FILES.jpg)).toBe(true);
  }, 40_000);

  it('refuses oversized and mislabelled files with the limit named, and keeps nothing of them', async () => {
    const { conversationId } = await desk.customerWhoWrote();
    const rowsBefore = await outboundFiles();
    const diskBefore = await filesOnDisk();
    const refusals: Array<[string, Buffer, string, number, string, RegExp]> = [
      [
        'voice',
        SAMPLE_FILES.png,
        'song.mp3',
        415,
        'unsupported_media_type',
        /^“song\.mp3” cannot be sent as a voice message: it is a PNG image \(checked by its content, not its name\)\. Voice messages: MP3 or AMR, at most 2 MB\.$/,
      ],
      [
        'image',
        SAMPLE_FILES.mp3,
        'photo.jpg',
        415,
        'unsupported_media_type',
        /^“photo\.jpg” cannot be sent as an image: it is an MP3 audio file/,
      ],
      [
        'image',
        SAMPLE_FILES.gif,
        'party.gif',
        415,
        'unsupported_media_type',
        /it is a GIF image .*Images: JPG or PNG, at most 10 MB\.$/,
      ],
      [
        'video',
        SAMPLE_FILES.jpg,
        'clip.mp4',
        415,
        'unsupported_media_type',
        /cannot be sent as a video: it is a JPG image/,
      ],
      [
        'voice',
        sized(SAMPLE_FILES.mp3, 2 * MB + 1),
        'long.mp3',
        413,
        'media_too_large',
        /^“long\.mp3” is too large: a voice message can be at most 2 MB on this channel\./,
      ],
      [
        'image',
        sized(SAMPLE_FILES.png, 10 * MB + 1),
        'huge.png',
        413,
        'media_too_large',
        /^“huge\.png” is too large: an image can be at most 10 MB on this channel\./,
      ],
      [
        'video',
        sized(SAMPLE_FILES.mp4, 12 * MB),
        'long.mp4',
        413,
        'media_too_large',
        /a video can be at most 10 MB/,
      ],
      ['image', Buffer.alloc(0), 'empty.png', 400, 'validation_failed', /^“empty\.png” is empty$/],
      [
        'file',
        SAMPLE_FILES.pdf,
        'invoice.pdf',
        415,
        'unsupported_media_type',
        /^This channel cannot send files; it accepts images, voice messages or videos\.$/,
      ],
    ];
    for (const [kind, data, filename, status, code, message] of refusals) {
      const refused = await upload(conversationId, kind, data, filename);
      expect([filename, refused.status, refused.body.code]).toEqual([filename, status, code]);
      expect(refused.body.message).toMatch(message);
    }
    expect((await upload(conversationId, 'sticker', SAMPLE_FILES.png, 'a.png')).status).toBe(400);
    expect(
      (await upload(conversationId, 'image', SAMPLE_FILES.png, 'a.png', { field: 'photo' })).status,
    ).toBe(400);
    const notMultipart = await desk.api(
      'POST',
      `/api/conversations/${conversationId}/attachments?kind=image`,
      {
        data: 'x',
      },
    );
    expect(notMultipart.status).toBe(415);

    expect(await outboundFiles()).toBe(rowsBefore);
    expect(await filesOnDisk()).toEqual(diskBefore);
  }, 60_000);

  it('lets only agents who see the conversation upload, and sends only this channel’s uploads', async () => {
    const { conversationId } = await desk.customerWhoWrote();
    const shop = await desk.createOaChannel({ suffix: 'media' });
    const other = await desk.customerWhoWrote(shop);
    const theirs = await upload(other.conversationId, 'image', SAMPLE_FILES.png, 'theirs.png');
    expect(theirs.status).toBe(201);
    const crossed = await sendFile(conversationId, 'image', theirs.body.media.id);
    expect(crossed).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    const mine = await upload(conversationId, 'image', SAMPLE_FILES.png, 'mine.png');
    const wrongKind = await sendFile(conversationId, 'video', mine.body.media.id);
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.message).toBe(
      'This file was uploaded as an image, not as a video: send it as image',
    );

    const admin = desk.product.admin.token;
    const created = await desk.api(
      'POST',
      '/api/users',
      {
        email: 'outsider@example.com',
        name: 'Outsider',
        password: 'outsider-password-1',
        role: 'agent',
      },
      admin,
    );
    expect(created.status).toBe(201);
    const outsider = await product.login('outsider@example.com', 'outsider-password-1');
    const refused = await upload(conversationId, 'image', SAMPLE_FILES.png, 'x.png', { token: outsider });
    expect(refused.status).toBe(404);
    const conversation: ConversationView = await desk.conversation(conversationId);
    expect(conversation.id).toBe(conversationId);
  });

  it('removes uploads no message took after a day, rows and bytes, and keeps the sent ones', async () => {
    const { conversationId } = await desk.customerWhoWrote();
    const sent = await upload(conversationId, 'image', SAMPLE_FILES.png, 'sent.png');
    expect((await sendFile(conversationId, 'image', sent.body.media.id)).status).toBe(201);
    const abandoned = await upload(conversationId, 'image', SAMPLE_FILES.jpg, 'abandoned.jpg');
    const ids = [sent.body.media.id, abandoned.body.media.id];
    const keys = await desk.sql<{ id: string; storage_key: string }>(
      `SELECT id, storage_key FROM media_files WHERE id = ANY($1::uuid[]) ORDER BY id`,
      [ids],
    );
    const onDisk = async () => {
      const files = await filesOnDisk();
      return keys.filter((k) => files.includes(join(product.env.MEDIA_DIR, k.storage_key))).map((k) => k.id);
    };
    expect((await onDisk()).sort()).toEqual([...ids].sort());

    // A day passes (the purge runs hourly in every process).
    await desk.sql(
      `UPDATE media_files SET created_at = now() - interval '25 hours' WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    expect(await product.app.get(UnsentUploadsPurge).purge()).toBe(1);
    expect(
      (await desk.sql<{ id: string }>(`SELECT id FROM media_files WHERE id = ANY($1::uuid[])`, [ids])).map(
        (row) => row.id,
      ),
    ).toEqual([sent.body.media.id]);
    expect(await onDisk()).toEqual([sent.body.media.id]);
    expect((await sendFile(conversationId, 'image', abandoned.body.media.id)).status).toBe(400);
  });
});
