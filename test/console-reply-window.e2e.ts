import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshotPath } from './support/browser.js';
import { OaDesk } from './support/oa-desk.js';
import { startProduct, type Product } from './support/product-harness.js';

/**
 * The reply window in the agent console (RT3, OA6, CV6), in Chromium against the real server and the
 * simulator: the meter in the header, live; the locked state with its reason and a disabled composer; an
 * unconfirmed message the agent sends again.
 */
describe('the console’s reply window and delivery states', () => {
  let product: Product;
  let desk: OaDesk;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    product = await startProduct();
    desk = await OaDesk.open(product);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto(product.serverUrl);
    await page.getByLabel('Email').fill(product.agent.email);
    await page.getByLabel('Password', { exact: true }).fill(product.agent.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-live-status="connected"]').waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await desk?.close();
    await product?.stop();
  });

  async function open(question: string) {
    const openid = await desk.newCustomer();
    await desk.customerSays(openid, question);
    await page
      .getByRole('navigation', { name: 'Conversations' })
      .getByRole('link', { name: new RegExp(question) })
      .click();
    const chat = page.getByRole('main');
    await chat.getByRole('log', { name: 'Messages' }).getByText(question).waitFor();
    return {
      openid,
      chat,
      composer: chat.getByRole('textbox', { name: 'Message' }),
    };
  }

  it('shows time and messages left, counts a reply live, and locks with the reason when the customer unfollows', async () => {
    const { openid, composer, chat } = await open('我的咖啡还没到');
    await chat.getByText(/47 h 5\d m left · 5 of 5 messages left$/).waitFor();

    await composer.fill('马上帮您查询');
    await composer.press('Enter');
    await chat.getByRole('listitem').filter({ hasText: '马上帮您查询' }).getByText('Sent').waitFor();
    await chat.getByText(/47 h 5\d m left · 4 of 5 messages left$/).waitFor();
    await page.screenshot({ path: screenshotPath('conversation-meter-desktop.png') });

    await desk.customerDoes(openid, { type: 'unfollow' });
    const reason =
      'The customer unfollowed the account: WeChat allows no message until they follow it again and write.';
    await chat.getByText(`Locked · ${reason}`).waitFor();
    expect(await composer.isDisabled()).toBe(true);
    expect(await chat.getByRole('status').filter({ hasText: reason }).isVisible()).toBe(true);
    expect(await chat.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
    await page.screenshot({ path: screenshotPath('conversation-locked-desktop.png') });
  }, 60_000);

  it('shows an unconfirmed message with its reason, and sends it again when the agent asks', async () => {
    const { openid, chat, composer } = await open('在吗？');
    await composer.fill('warm-up');
    await composer.press('Enter');
    await chat.getByRole('listitem').filter({ hasText: 'warm-up' }).getByText('Sent').waitFor();
    await desk.sim('POST', '/sim/faults', { path: '/cgi-bin/message/custom/send', kind: 'delay', ms: 6000 });

    await composer.fill('您的订单已发货');
    await composer.press('Enter');
    const message = chat.getByRole('listitem').filter({ hasText: '您的订单已发货' });
    await message.getByText(/Not confirmed$/).waitFor({ timeout: 15_000 });
    expect(await message.getByText(/^Not confirmed: WeChat did not answer in time/).isVisible()).toBe(true);
    await desk.until(
      () => desk.inbox(openid),
      (items) => items.length === 2,
    );

    await message.getByRole('button', { name: 'Send again' }).click();
    await message.getByText('Sent (retried)').waitFor({ timeout: 15_000 });
    expect(await message.getByRole('button', { name: 'Send again' }).count()).toBe(0);
    expect((await desk.inbox(openid)).map((m) => m.content)).toEqual([
      'warm-up',
      '您的订单已发货',
      '您的订单已发货',
    ]);
    expect(consoleErrors).toEqual([]);
  }, 60_000);
});
