import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type Browser } from 'playwright-core';
import { launchChromium, screenshotPath } from './support/browser.js';
import { loadConfig } from '../apps/server/src/config/app-config.js';
import { createApp } from '../apps/server/src/create-app.js';
import { openDatabase } from '../apps/server/src/database/open-database.js';
import { freePort } from './support/free-port.js';
import { OaDesk } from './support/oa-desk.js';
import { startProduct, type Product } from './support/product-harness.js';

/**
 * RT2 in the browser: the agent's console is served by a second server process of the installation, which
 * goes away (a restart during a deploy) while WeChat keeps calling the first one. The console says it is
 * reconnecting; the customer's message that arrived meanwhile appears once when the server is back, from the
 * catch-up, without reloading the inbox.
 */
describe('the console across a lost connection', () => {
  let product: Product;
  let desk: OaDesk;
  let browser: Browser;
  let port: number;
  let second: NestFastifyApplication | null = null;

  /** Another server process on the same database, always on the same port (the console's origin). */
  const startSecond = async () => {
    const env = { ...product.env, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` };
    const config = loadConfig(env);
    const app = await createApp(config, await openDatabase({ databaseUrl: config.databaseUrl, dataDir: '' }));
    await app.listen(port, '127.0.0.1');
    second = app;
  };

  beforeAll(async () => {
    product = await startProduct();
    desk = await OaDesk.open(product);
    port = await freePort();
    await startSecond();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await second?.close();
    await desk?.close();
    await product?.stop();
  });

  it('shows that it is reconnecting, then the message that arrived meanwhile, once', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`http://127.0.0.1:${port}`);
    await page.getByLabel('Email').fill(product.agent.email);
    await page.getByLabel('Password', { exact: true }).fill(product.agent.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-live-status="connected"]').waitFor();

    // A customer writes (WeChat calls the first process); the agent opens the conversation.
    const customer = await desk.newCustomer();
    await desk.customerSays(customer, '我想退货');
    const inbox = page.getByRole('navigation', { name: 'Conversations' });
    await inbox.getByRole('link', { name: /我想退货/ }).click();
    const messages = page.getByRole('main').getByRole('log', { name: 'Messages' });
    await messages.getByText('我想退货').waitFor();

    const inboxFetches: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/conversations') inboxFetches.push(request.url());
    });

    // The console's server goes away.
    await second!.close();
    second = null;
    const banner = page.getByRole('status').filter({ hasText: 'Reconnecting…' });
    await banner.waitFor();
    await page.locator('[data-live-status="reconnecting"]').waitFor();
    await page.screenshot({ path: screenshotPath('console-reconnecting.png') });

    // Meanwhile the customer writes again, and the first process stores it.
    await desk.customerSays(customer, '订单号是 20240611');
    expect(await messages.getByText('订单号是 20240611').count()).toBe(0);

    await startSecond();
    await page.getByRole('status').filter({ hasText: 'Back online' }).waitFor({ timeout: 20_000 });
    await page.locator('[data-live-status="connected"]').waitFor();
    await messages.getByText('订单号是 20240611').waitFor();
    expect(await messages.getByText('订单号是 20240611').count()).toBe(1);
    await inbox.getByRole('link', { name: /订单号是 20240611/ }).waitFor();
    expect(await inbox.getByRole('link', { name: /订单号是 20240611/ }).count()).toBe(1);
    // It caught up from its last event: the inbox was not loaded again.
    expect(inboxFetches).toEqual([]);

    // Live as before.
    await desk.customerSays(customer, '谢谢');
    await messages.getByText('谢谢').waitFor();
    expect(await messages.getByText('谢谢').count()).toBe(1);

    // The browser reports the refused connections while the server was away; nothing else went wrong.
    expect(
      errors.filter((text) => !/WebSocket connection|ERR_CONNECTION_REFUSED|socket\.io/.test(text)),
    ).toEqual([]);
    await page.close();
  }, 90_000);
});
