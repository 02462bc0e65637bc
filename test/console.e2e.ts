import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshotPath } from './support/browser.js';
import { startProduct, type Product } from './support/product-harness.js';

/**
 * The agent console in a real browser against the real server and the WeChat simulator: what an agent sees
 * and does, located by roles and labels (which also checks that every control has an accessible name).
 */
const DESKTOP = { width: 1280, height: 800 };
const NARROW = { width: 400, height: 800 };

async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the agent console', () => {
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

  async function openConsole(viewport = DESKTOP): Promise<Page> {
    const page = await browser.newPage({ viewport });
    await page.goto(product.serverUrl);
    return page;
  }

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('shows the API’s error when the password is wrong, and stays on the login page', async () => {
    const narrow = await openConsole(NARROW);
    await narrow.getByRole('button', { name: 'Sign in' }).waitFor();
    await narrow.screenshot({ path: screenshotPath('login-narrow.png') });
    await narrow.close();

    const page = await openConsole();
    await page.screenshot({ path: screenshotPath('login-desktop.png') });
    await signIn(page, product.agent.email, 'not-the-password');

    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Wrong email or password');
    expect(await page.getByRole('button', { name: 'Sign in' }).isEnabled()).toBe(true);
    expect(await page.evaluate("sessionStorage.getItem('desk.session')")).toBeNull();
    await page.close();
  }, 60_000);

  it('shows a customer’s message live, and delivers the agent’s reply to the customer on WeChat', async () => {
    const page = await openConsole();
    await signIn(page, product.agent.email, product.agent.password);

    const header = page.getByRole('banner');
    await header.getByText(product.seed.agent.name).waitFor();
    expect(await header.getByText('Agent', { exact: true }).isVisible()).toBe(true);
    const inbox = page.getByRole('navigation', { name: 'Conversations' });
    await inbox.getByText('No open conversations').waitFor();
    await page.locator('[data-live-status="connected"]').waitFor();

    // Live means over the socket: the page neither reloads nor asks the API for the inbox again.
    const inboxFetches: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/inbox') inboxFetches.push(request.url());
    });
    await page.evaluate('window.stillTheSamePage = true');

    const question = '你好，我的订单还没到';
    const { openid } = await product.customerSays(undefined, question);
    // The row's accessible name reads: contact, time, preview, channel, status.
    const row = inbox.getByRole('link', {
      name: new RegExp(`${question}.*${product.seed.channel.name}.*Waiting`),
    });
    await row.waitFor({ timeout: 10_000 });
    expect(await page.evaluate('window.stillTheSamePage')).toBe(true);
    expect(inboxFetches).toEqual([]);
    await page.screenshot({ path: screenshotPath('inbox-desktop.png') });

    await row.click();
    const conversation = page.getByRole('main');
    const messages = conversation.getByRole('log', { name: 'Messages' });
    await messages.getByText(question).waitFor();

    // Shift+Enter starts a new line; Enter sends.
    const composer = conversation.getByRole('textbox', { name: 'Message' });
    await composer.click();
    await page.keyboard.type('您好！我来帮您查一下订单。');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('请稍等片刻。');
    await page.keyboard.press('Enter');
    const replyText = '您好！我来帮您查一下订单。\n请稍等片刻。';

    const reply = messages.getByRole('listitem').filter({ hasText: '请稍等片刻。' });
    await reply.getByText('Sent').waitFor({ timeout: 15_000 });
    expect(await reply.count()).toBe(1);
    expect(await composer.inputValue()).toBe('');

    const received = await eventually(
      () => product.customerInbox(openid),
      (messagesOnPhone) => messagesOnPhone.some((m) => m.content === replyText),
    );
    expect(received).toContainEqual(expect.objectContaining({ msgtype: 'text', content: replyText }));
    await page.screenshot({ path: screenshotPath('conversation-desktop.png') });

    // On a phone-sized screen the conversation and the inbox are two screens.
    await page.setViewportSize(NARROW);
    expect(await inbox.isVisible()).toBe(false);
    await messages.getByText(question).waitFor();
    await page.screenshot({ path: screenshotPath('conversation-narrow.png') });
    await conversation.getByRole('link', { name: 'Back to conversations' }).click();
    // The row now shows the agent's reply as its preview, and the conversation as the agent's.
    await inbox
      .getByRole('link', { name: new RegExp(`请稍等片刻。.*${product.seed.channel.name}.*Active`) })
      .waitFor();
    expect(await conversation.isVisible()).toBe(false);
    await page.screenshot({ path: screenshotPath('inbox-narrow.png') });

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'You have logged out.' }).isVisible()).toBe(true);
    expect(await page.evaluate("sessionStorage.getItem('desk.session')")).toBeNull();
    await page.close();
  }, 90_000);
});
