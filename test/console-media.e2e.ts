import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshotPath } from './support/browser.js';
import { DEMO } from '../scripts/demo/demo-fixture.js';
import { startProduct, type Product } from './support/product-harness.js';
import { gradientPng } from './support/sample-png.js';

/**
 * The console renders every kind of message an agent meets (RT3, issue 4 item 6) — here a follow, a photo,
 * a voice message with WeChat's transcript, a location and a link — and an admin reads the callback
 * flight recorder and re-ingests a failed push. Real Chromium, located by role and label.
 */
const DESKTOP = { width: 1280, height: 860 };
const NARROW = { width: 400, height: 820 };

describe('the console shows media and the callback log', () => {
  let product: Product;
  let browser: Browser;

  beforeAll(async () => {
    product = await startProduct();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  const simulator = async <T>(path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${product.simulator.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    if (!response.ok) throw new Error(`simulator ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const customer = (subscribed = true) =>
    simulator<{ openid: string }>(`/sim/oa/accounts/${DEMO.channel.appId}/customers`, { subscribed });
  const says = (openid: string, body: Record<string, unknown>) =>
    simulator<{ delivered: boolean }>(
      `/sim/oa/accounts/${DEMO.channel.appId}/customers/${openid}/messages`,
      body,
    );

  async function signedIn(
    email: string,
    password: string,
    viewport = DESKTOP,
  ): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport });
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(product.serverUrl);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('banner').waitFor();
    return { page, errors };
  }

  it('shows a follow, a photo, a voice message with its transcript, a location and a link', async () => {
    const { openid } = await customer(false);
    await says(openid, { type: 'follow', scene: 'spring-promo' });
    await says(openid, { type: 'text', content: '请看照片' });
    await says(openid, { type: 'image', data: gradientPng().toString('base64'), filename: 'receipt.png' });
    await says(openid, { type: 'location', latitude: 23.106414, longitude: 113.324553, label: '广州塔' });
    await says(openid, { type: 'link', url: 'https://shop.example.com/orders/42', title: 'Order 42' });
    await says(openid, { type: 'voice', recognition: '我想退货，可以吗' });

    const { page, errors } = await signedIn(product.agent.email, product.agent.password);
    const inbox = page.getByRole('navigation', { name: 'Conversations' });
    // The inbox says what the last message was, with WeChat's transcript of it.
    const row = inbox.getByRole('link', { name: /Voice 我想退货，可以吗/ });
    await row.click();
    const messages = page.getByRole('main').getByRole('log', { name: 'Messages' });

    // The follow came before the chat: it is its first line, a system line rather than a bubble.
    await messages.getByText('Followed the account (QR scene: spring-promo)').waitFor();
    const photo = messages.getByRole('button', { name: 'Open the image from the customer larger' });
    await photo.waitFor({ timeout: 15_000 });
    const image = photo.getByRole('img', { name: 'Image from the customer' });
    await image.waitFor();
    // Loaded for real (through the media ticket), not a broken-image icon.
    await page.waitForFunction(
      `(() => { const img = document.querySelector('img[alt="Image from the customer"]'); return img && img.complete && img.naturalWidth === 240; })()`,
    );
    await photo.click();
    const lightbox = page.getByRole('dialog', { name: 'Image from the customer' });
    await lightbox.waitFor();
    await page.keyboard.press('Escape');
    await lightbox.waitFor({ state: 'hidden' });

    await messages.getByText('广州塔').waitFor();
    expect(await messages.getByText('23.106414, 113.324553').isVisible()).toBe(true);
    expect(await messages.getByRole('link', { name: 'Open in Amap' }).getAttribute('href')).toContain(
      'position=113.324553,23.106414',
    );
    expect(await messages.getByRole('link', { name: 'Order 42' }).getAttribute('href')).toBe(
      'https://shop.example.com/orders/42',
    );

    const transcript = messages.getByLabel('Transcript by WeChat');
    await transcript.waitFor();
    expect(await transcript.textContent()).toBe('我想退货，可以吗');
    // WeChat voice is AMR, which Chromium cannot play: the agent gets the file instead of a dead player.
    const download = messages.getByRole('link', { name: 'Download the voice message' });
    await download.waitFor({ timeout: 15_000 });
    const voiceUrl = new URL((await download.getAttribute('href'))!, product.serverUrl);
    const voice = await page.request.get(voiceUrl.toString());
    expect(voice.status()).toBe(200);
    expect(voice.headers()['content-type']).toBe('audio/amr');
    // The URL works in this session only: without its ticket it is refused.
    voiceUrl.search = '';
    expect((await page.request.get(voiceUrl.toString())).status()).toBe(401);

    await page.screenshot({ path: screenshotPath('conversation-media-desktop.png') });
    await page.setViewportSize(NARROW);
    await transcript.waitFor();
    await page.screenshot({ path: screenshotPath('conversation-media-narrow.png') });
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('lets an admin find a failed push in the callback log and re-ingest it', async () => {
    // A push we fail to store (the database refuses it), and a forged one.
    const { openid } = await customer();
    const db = new pg.Client({ connectionString: product.databaseUrl });
    await db.connect();
    await db.query(
      `ALTER TABLE messages ADD CONSTRAINT test_refuses_poison CHECK (text IS DISTINCT FROM 'poison')`,
    );
    try {
      expect((await says(openid, { type: 'text', content: 'poison' })).delivered).toBe(false);
    } finally {
      await db.query(`ALTER TABLE messages DROP CONSTRAINT test_refuses_poison`);
      await db.end();
    }
    const timestamp = String(Math.floor(Date.now() / 1000));
    await fetch(
      `${product.seed.channel.callbackUrl}?signature=${'0'.repeat(40)}&timestamp=${timestamp}&nonce=1`,
      {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        body: '<xml><ToUserName><![CDATA[gh_forged]]></ToUserName></xml>',
      },
    );

    const { page, errors } = await signedIn(product.admin.email, product.admin.password);
    await page.goto(`${product.serverUrl}/#/admin/callbacks`);
    await page.getByRole('heading', { name: 'Callback log' }).waitFor();
    const filters = page.getByRole('search', { name: 'Filter callbacks' });

    await filters.getByLabel('Result').selectOption('refused');
    const refused = page.getByRole('table').getByRole('row').filter({ hasText: 'refused' });
    await refused.first().waitFor();
    expect(await refused.first().textContent()).toContain('The signature does not match');
    await refused
      .first()
      .getByRole('button', { name: /^Details/ })
      .click();
    await page.getByText('Start of the refused body (not verified)').waitFor();
    expect(
      await page.getByText('<xml><ToUserName><![CDATA[gh_forged]]></ToUserName></xml>').isVisible(),
    ).toBe(true);

    await filters.getByLabel('Result').selectOption('failed');
    const failed = page.getByRole('table').getByRole('row').filter({ hasText: 'failed' });
    await failed.first().waitFor();
    expect(await failed.count()).toBe(3);
    await page.screenshot({ path: screenshotPath('callback-log-desktop.png') });
    await failed.first().getByRole('button', { name: 'Re-ingest' }).click();
    await page.getByRole('status').filter({ hasText: 're-ingested: stored as a new message' }).waitFor();

    await filters.getByLabel('Result').selectOption('stored');
    await filters.getByLabel('Verdict').selectOption('new');
    const replayed = page.getByRole('table').getByRole('row').filter({ hasText: 'text' }).first();
    await replayed.waitFor();
    await replayed.getByRole('button', { name: /^Details/ }).click();
    await page.getByText(/re-ingest of \d+/).waitFor();
    await page.getByRole('link', { name: 'Open the conversation' }).click();
    await page.getByRole('main').getByRole('log', { name: 'Messages' }).getByText('poison').waitFor();

    await page.setViewportSize(NARROW);
    await page.goto(`${product.serverUrl}/#/admin/callbacks`);
    await page.getByRole('heading', { name: 'Callback log' }).waitFor();
    await page.getByRole('table').waitFor();
    await page.screenshot({ path: screenshotPath('callback-log-narrow.png') });
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('takes an agent who opens the callback log’s address to the inbox instead', async () => {
    const { page } = await signedIn(product.agent.email, product.agent.password);
    await page.goto(`${product.serverUrl}/#/admin/callbacks`);
    await page.waitForURL(/#\/open$/);
    await page.getByRole('navigation', { name: 'Conversations' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Callback log' }).count()).toBe(0);
    await page.close();
  }, 60_000);
});
