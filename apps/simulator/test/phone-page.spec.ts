import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../../test/support/browser.js';
import {
  openOaCallback,
  openWecomCallback,
  parseKfSyncItem,
  type KfSyncItem,
  type OaInboundMessage,
} from '#wechat';
import { SimulatorClock } from '../src/clock.js';
import { SAMPLE_PNG } from '../src/media/media-content.js';
import { startSimulator, type Simulator } from '../src/simulator.js';
import { CallbackReceiver } from './support/callback-receiver.js';
import { control, getJson, postJson } from './support/http.js';

/**
 * A person on the phone page, in a real Chromium, against the simulator and two callback receivers that
 * stand in for our server: what the page sends must reach the callback exactly as the platform sends it.
 */

const OA = {
  appId: 'wx7777777777777777',
  appSecret: 'oa-secret',
  token: 'oatoken',
  originalId: 'gh_phone',
  name: '快递小助手',
  encryptionMode: 'safe' as const,
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};
const CORP = {
  corpId: 'ww7777777777777777',
  corpSecret: 'kf-secret',
  token: 'kftoken',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
};

async function eventually<T>(
  what: string,
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the phone page plays a customer', () => {
  let sim: Simulator;
  let oaReceiver: CallbackReceiver;
  let wecomReceiver: CallbackReceiver;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  let oaToken = '';
  let kfToken = '';
  let openKfId = '';

  beforeAll(async () => {
    oaReceiver = await new CallbackReceiver().start('/callbacks/oa');
    wecomReceiver = await new CallbackReceiver().start('/callbacks/wecom');
    wecomReceiver.respond = () => ({ body: '' });
    sim = await startSimulator({ clock: new SimulatorClock({ frozen: true }) });
    await control(sim.url, 'POST', '/sim/oa/accounts', { ...OA, callbackUrl: oaReceiver.url });
    await control(sim.url, 'POST', '/sim/wecom/corps', { ...CORP, callbackUrl: wecomReceiver.url });
    openKfId = (
      await control<{ openKfId: string }>(sim.url, 'POST', `/sim/wecom/corps/${CORP.corpId}/kf-accounts`, {
        name: '售后客服',
      })
    ).body.openKfId;
    // What the server does when it is set up: publish a menu, make a chat link with a scene.
    oaToken = (
      await getJson<{ access_token: string }>(
        `${sim.url}/cgi-bin/token?grant_type=client_credential&appid=${OA.appId}&secret=${OA.appSecret}`,
      )
    ).access_token;
    const menu = await postJson(`${sim.url}/cgi-bin/menu/create?access_token=${oaToken}`, {
      button: [
        { type: 'view', name: '官网', url: 'https://example.com' },
        { name: '服务', sub_button: [{ type: 'click', name: '联系客服', key: 'TALK_TO_AGENT' }] },
      ],
    });
    expect(menu).toMatchObject({ errcode: 0 });
    kfToken = (
      await getJson<{ access_token: string }>(
        `${sim.url}/qyapi/cgi-bin/gettoken?corpid=${CORP.corpId}&corpsecret=${CORP.corpSecret}`,
      )
    ).access_token;
    const link = await postJson(`${sim.url}/qyapi/cgi-bin/kf/add_contact_way?access_token=${kfToken}`, {
      open_kfid: openKfId,
      scene: 'order_42',
    });
    expect(link).toMatchObject({ errcode: 0 });

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 500, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.goto(`${sim.url}/phone`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await sim?.close();
    await oaReceiver?.stop();
    await wecomReceiver?.stop();
  });

  const more = (name: RegExp) => async () => {
    await page.getByRole('button', { name: /More actions/ }).click();
    await page
      .getByRole('group', { name: /More actions/ })
      .getByRole('button', { name })
      .click();
  };
  const chooseFile = async (
    open: () => Promise<void>,
    file: { name: string; mimeType: string; buffer: Buffer },
  ) => {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), open()]);
    await chooser.setFiles(file);
  };
  const createCustomer = async (nickname: string) => {
    await page.getByRole('button', { name: /New customer/ }).click();
    const sheet = page.getByRole('dialog', { name: /New customer/ });
    await sheet.getByLabel('昵称 Nickname').fill(nickname);
    await sheet.getByRole('button', { name: /Create/ }).click();
    await eventually(
      `customer ${nickname} selected`,
      () => page.getByLabel('Customer').locator('option:checked').textContent(),
      (label) => label?.includes(nickname) === true,
    );
  };
  const typeAndSend = async (text: string) => {
    await page.getByLabel('消息 Message').fill(text);
    await page.getByRole('button', { name: '发送 Send', exact: true }).click();
  };

  describe('on an Official Account', () => {
    let openid = '';
    const pushes: OaInboundMessage[] = [];
    /** The n-th push, opened the way our server opens it (signature, msg_signature, decryption). */
    const push = async (n: number): Promise<OaInboundMessage> => {
      await eventually(
        `OA push #${n}`,
        () => oaReceiver.received.length,
        (count) => count >= n,
      );
      const request = oaReceiver.received[n - 1];
      const query = Object.fromEntries(request.url.searchParams);
      expect(query.encrypt_type).toBe('aes');
      expect(request.body).not.toContain('<FromUserName>');
      pushes[n - 1] = openOaCallback(query, request.body, OA).message;
      return pushes[n - 1];
    };

    it('creates a customer and sends a text', async () => {
      await page.getByRole('tab', { name: /Official Account/ }).click();
      await eventually(
        'the account in the list',
        () => page.getByLabel('Account').locator('option:checked').textContent(),
        (label) => label?.includes(OA.name) === true,
      );
      await createCustomer('小红');
      openid = sim.oa.directory.listCustomers(OA.appId)[0].openid;
      await typeAndSend('我的快递到哪了？');
      expect(await push(1)).toMatchObject({
        type: 'text',
        content: '我的快递到哪了？',
        fromUserName: openid,
        toUserName: OA.originalId,
      });
      await page.getByRole('log', { name: 'Chat' }).getByText('✓ delivered').waitFor();
    });

    it('sends a picked image the server can download byte for byte', async () => {
      await chooseFile(more(/Image/), { name: 'parcel.png', mimeType: 'image/png', buffer: SAMPLE_PNG });
      const image = await push(2);
      expect(image).toMatchObject({ type: 'image', fromUserName: openid });
      const mediaId = (image as { mediaId: string }).mediaId;
      const got = await fetch(`${sim.url}/cgi-bin/media/get?access_token=${oaToken}&media_id=${mediaId}`);
      expect(got.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await got.arrayBuffer()).equals(SAMPLE_PNG)).toBe(true);
      await page.getByRole('img', { name: /image you sent/ }).waitFor();
    });

    it('sends a voice message with the recognition text the person typed', async () => {
      await more(/Voice/)();
      const sheet = page.getByRole('dialog', { name: /Voice message/ });
      await sheet.getByLabel('识别文字 Recognition text').fill('我要退货');
      await sheet.getByRole('button', { name: /Send voice/ }).click();
      expect(await push(3)).toMatchObject({ type: 'voice', recognition: '我要退货', format: 'amr' });
    });

    it('clicks an item of the menu the server published', async () => {
      const menu = page.getByRole('navigation', { name: /Account menu/ });
      await menu.getByRole('button', { name: '服务' }).click();
      await page.getByRole('group', { name: '服务' }).getByRole('button', { name: '联系客服' }).click();
      expect(await push(4)).toMatchObject({ type: 'event', event: 'CLICK', eventKey: 'TALK_TO_AGENT' });
      await page.getByRole('log', { name: 'Chat' }).getByText('[菜单] TALK_TO_AGENT').waitFor();
    });
  });

  describe('on a WeCom customer-service account', () => {
    let externalUserId = '';
    let cursor = '';
    /** Waits for the n-th doorbell, then pulls sync_msg with its Token as our server does. */
    const pull = async (n: number): Promise<KfSyncItem[]> => {
      await eventually(
        `WeCom doorbell #${n}`,
        () => wecomReceiver.received.length,
        (count) => count >= n,
      );
      const request = wecomReceiver.received[n - 1];
      const { event } = openWecomCallback(Object.fromEntries(request.url.searchParams), request.body, CORP);
      if (event.type !== 'kf_msg_or_event') throw new Error(`unexpected callback ${event.type}`);
      expect(event.openKfId).toBe(openKfId);
      const page = await postJson<{ errcode: number; next_cursor: string; msg_list: unknown[] }>(
        `${sim.url}/qyapi/cgi-bin/kf/sync_msg?access_token=${kfToken}`,
        { cursor, token: event.token, open_kfid: openKfId },
      );
      expect(page.errcode).toBe(0);
      cursor = page.next_cursor;
      return page.msg_list.map((item) => parseKfSyncItem(item));
    };

    it('enters the chat through the contact link with a scene and a scene_param', async () => {
      await page.getByRole('tab', { name: /WeCom/ }).click();
      await eventually(
        'the kf account in the list',
        () => page.getByLabel('Account').locator('option:checked').textContent(),
        (label) => label?.includes('售后客服') === true,
      );
      await createCustomer('老王');
      externalUserId = sim.wecom.directory.listCustomers(CORP.corpId)[0].externalUserId;
      await more(/Enter chat/)();
      const sheet = page.getByRole('dialog', { name: /Open the chat/ });
      const linkOption = sheet
        .getByLabel('客服链接 Chat link')
        .locator('option', { hasText: 'scene order_42' });
      await sheet.getByLabel('客服链接 Chat link').selectOption((await linkOption.getAttribute('value'))!);
      await sheet.getByLabel('场景参数 scene_param').fill('单号 A-1');
      await sheet.getByRole('button', { name: /Enter/ }).click();
      expect(await pull(1)).toEqual([
        expect.objectContaining({
          origin: 4,
          msgtype: 'event',
          event: expect.objectContaining({
            eventType: 'enter_session',
            scene: 'order_42',
            sceneParam: '单号 A-1',
            externalUserId,
            welcomeCode: expect.any(String),
          }),
        }),
      ]);
    });

    it('sends a picked file under its real name and type', async () => {
      const pdf = Buffer.from('%PDF-1.7\n发票内容\n%%EOF\n');
      await chooseFile(more(/File/), { name: '发票 2024.pdf', mimeType: 'application/pdf', buffer: pdf });
      const [item] = await pull(2);
      expect(item).toMatchObject({ origin: 3, msgtype: 'file', externalUserId });
      const got = await fetch(
        `${sim.url}/qyapi/cgi-bin/media/get?access_token=${kfToken}&media_id=${(item as { mediaId: string }).mediaId}`,
      );
      expect(got.headers.get('content-type')).toBe('application/pdf');
      expect(got.headers.get('content-disposition')).toContain(
        `filename*=UTF-8''${encodeURIComponent('发票 2024.pdf')}`,
      );
      expect(Buffer.from(await got.arrayBuffer()).equals(pdf)).toBe(true);
    });

    it('recalls one of the customer’s own messages from its bubble', async () => {
      await typeAndSend('发错了');
      const [text] = await pull(3);
      expect(text).toMatchObject({ origin: 3, msgtype: 'text', content: '发错了' });
      await page.getByRole('button', { name: '撤回 Recall: 发错了' }).click();
      const [recall] = await pull(4);
      expect(recall).toMatchObject({
        origin: 4,
        event: { eventType: 'user_recall_msg', recallMsgId: text.msgId, externalUserId },
      });
      await page.getByRole('log', { name: 'Chat' }).getByText('你撤回了一条消息').waitFor();
      expect(await page.getByRole('button', { name: '撤回 Recall: 发错了' }).count()).toBe(0);
    });
  });

  describe('throughout', () => {
    it('used no prompt or alert, and logged no errors', () => {
      expect(problems).toEqual([]);
    });
  });
});
