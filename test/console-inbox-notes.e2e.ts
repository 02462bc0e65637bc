import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { UserView } from '#contracts';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, screenshotPath } from './support/browser.js';
import { startProduct, type Product } from './support/product-harness.js';

const DESKTOP = { width: 1280, height: 800 };
const NARROW = { width: 400, height: 800 };

/**
 * An agent's day in the inbox, in Chromium against the server and the WeChat simulator (RT3, CV4): the views
 * and their counts follow chats as they arrive, the keyboard moves through them and opens one, a private
 * note reaches a second agent live but never the customer, search finds it, and a blocked customer's
 * message raises nothing.
 */
describe('the inbox, notes and blocking in the console', () => {
  let product: Product;
  let browser: Browser;
  let second: UserView & { password: string };
  const errors: string[] = [];

  beforeAll(async () => {
    product = await startProduct();
    browser = await launchChromium();
    const admin = product.admin.token;
    const api = async <T>(method: string, path: string, body: unknown): Promise<T> => {
      const response = await fetch(`${product.serverUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    };
    second = {
      ...(await api<UserView>('POST', '/api/users', {
        email: 'zhao.lei@example.com',
        name: 'Zhao Lei',
        password: 'second-agent-password',
        role: 'agent',
        departmentIds: [product.seed.department.id],
      })),
      password: 'second-agent-password',
    };
    await api('PUT', `/api/channels/${product.seed.channel.id}/agents`, {
      agentIds: [product.agent.id, second.id],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  async function signedIn(email: string, password: string, hash = '#/waiting'): Promise<Page> {
    const page = await browser.newPage({ viewport: DESKTOP });
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${product.serverUrl}/${hash}`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-live-status="connected"]').waitFor();
    return page;
  }

  const views = (page: Page) => page.getByRole('list', { name: 'Inbox views' });
  const count = (page: Page, view: string) =>
    views(page).locator(`[data-view="${view}"] .inbox-views__count`).getAttribute('data-count');
  async function countBecomes(page: Page, view: string, expected: number): Promise<void> {
    await page.waitForFunction(
      `document.querySelector('[data-view="${view}"] .inbox-views__count')?.getAttribute('data-count') === '${expected}'`,
      undefined,
      { timeout: 10_000 },
    );
  }
  const focusedText = (page: Page) => page.evaluate<string>("document.activeElement?.textContent ?? ''");
  const rowWith = (page: Page, text: string): Locator =>
    page.getByRole('navigation', { name: 'Conversations' }).getByRole('link', { name: new RegExp(text) });

  it('counts and lists chats as they arrive, and the keyboard opens one', async () => {
    const a = await signedIn(product.agent.email, product.agent.password);
    await countBecomes(a, 'waiting', 0);
    await a.getByText('Nobody is waiting').waitFor();

    const first = await product.customerSays(undefined, '第一位客户：发票开错了');
    await rowWith(a, '发票开错了').waitFor();
    await countBecomes(a, 'waiting', 1);
    // WeChat's times have whole seconds: a second apart, the first customer has waited longer.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await product.customerSays(undefined, '第二位客户：想换个颜色');
    await rowWith(a, '想换个颜色').waitFor();
    await countBecomes(a, 'waiting', 2);
    await countBecomes(a, 'open', 2);
    expect(await count(a, 'mine')).toBe('0');

    // Longest waiting first: the first customer is on top. The shortcuts are one key away.
    await a.keyboard.press('?');
    const help = a.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.getByText('Next conversation').waitFor();
    await a.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
    await a.keyboard.press('j');
    expect(await focusedText(a)).toContain('发票开错了');
    await a.keyboard.press('j');
    expect(await focusedText(a)).toContain('想换个颜色');
    await a.keyboard.press('ArrowUp');
    expect(await focusedText(a)).toContain('发票开错了');
    expect(await a.evaluate<string>('getComputedStyle(document.activeElement).boxShadow')).not.toBe('none');
    await a.keyboard.press('Enter');
    await a.getByRole('log', { name: 'Messages' }).getByText('第一位客户：发票开错了').waitFor();
    expect(a.url()).toMatch(/#\/waiting\/[0-9a-f-]{36}$/);

    // The agent replies: the chat is theirs now, and the counts say so.
    await a.getByRole('textbox', { name: 'Message' }).fill('您好，我来帮您重新开票');
    await a.keyboard.press('Enter');
    await countBecomes(a, 'mine', 1);
    await countBecomes(a, 'waiting', 1);
    await a.getByRole('link', { name: /Mine/ }).click();
    await rowWith(a, '重新开票').waitFor();
    await a.screenshot({ path: screenshotPath('inbox-views-desktop.png') });
    await a.setViewportSize(NARROW);
    await a.goto(`${product.serverUrl}/#/open`);
    await rowWith(a, '想换个颜色').waitFor();
    await a.screenshot({ path: screenshotPath('inbox-views-narrow.png') });
    await a.close();
    expect(first.delivered).toBe(true);
  }, 120_000);

  it('shows a note to a second agent live, never sends it, and search finds it', async () => {
    const { openid } = await product.customerSays(undefined, '我的快递一直没到');
    const a = await signedIn(product.agent.email, product.agent.password, '#/open');
    await rowWith(a, '快递一直没到').click();
    const conversationHash = new URL(a.url()).hash;
    const b = await signedIn(second.email, second.password, conversationHash);
    const bMessages = b.getByRole('log', { name: 'Messages' });
    await bMessages.getByText('我的快递一直没到').waitFor();

    // The switch is two radio buttons: reachable by Tab and arrows like any.
    await a.getByRole('radio', { name: 'Reply' }).focus();
    await a.keyboard.press('ArrowRight');
    expect(await a.getByRole('radio', { name: 'Private note' }).isChecked()).toBe(true);
    const note = a.getByRole('textbox', { name: 'Note' });
    await note.fill('客户的包裹在上海转运中心滞留，已联系顺丰');
    await a.keyboard.press('Enter');
    const aMessages = a.getByRole('log', { name: 'Messages' });
    await aMessages.locator('[data-message-type="note"]').getByText('上海转运中心滞留').waitFor();

    const seen = bMessages.locator('[data-message-type="note"]');
    await seen.getByText('上海转运中心滞留').waitFor({ timeout: 10_000 });
    expect(await seen.getByText(`Private note · ${product.seed.agent.name}`).isVisible()).toBe(true);

    // A reply after it reaches the customer; the note never does.
    await a.getByRole('radio', { name: 'Reply' }).check();
    await a.getByRole('textbox', { name: 'Message' }).fill('已经在帮您催了');
    await a.keyboard.press('Enter');
    await aMessages.getByRole('listitem').filter({ hasText: '已经在帮您催了' }).getByText('Sent').waitFor({
      timeout: 15_000,
    });
    expect((await product.customerInbox(openid)).map((m) => m.content)).toEqual(['已经在帮您催了']);
    await a.getByRole('radio', { name: 'Private note' }).check();
    await a.getByRole('textbox', { name: 'Note' }).fill('明天上午再跟进一次');
    await a.screenshot({ path: screenshotPath('conversation-note-desktop.png') });
    await a.getByRole('textbox', { name: 'Note' }).fill('');
    await b.close();

    // `/` goes to search from the inbox; the note's Chinese phrase is found, as a note.
    await a.getByRole('navigation', { name: 'Conversations' }).getByRole('link').first().focus();
    await a.keyboard.press('/');
    const search = a.getByRole('searchbox', { name: 'Search messages and contacts' });
    await search.waitFor();
    expect(await a.evaluate<string>('document.activeElement?.id')).toBe('search-query');
    await search.fill('转运中心');
    await a.keyboard.press('Enter');
    await a.getByText(`Note by ${product.seed.agent.name}:`).waitFor();
    await a.close();
  }, 120_000);

  it("raises nothing in the inbox for a blocked customer's message", async () => {
    const { openid } = await product.customerSays(undefined, '买手表吗？便宜');
    const a = await signedIn(product.agent.email, product.agent.password, '#/open');
    await rowWith(a, '买手表吗').click();
    const panel = a.getByRole('complementary', { name: 'Contact' });
    await panel.getByRole('button', { name: /^Block/ }).click();
    const confirm = a.getByRole('dialog', { name: /^Block/ });
    await confirm.getByRole('button', { name: 'Block' }).click();
    await panel.getByText(`Blocked by ${product.seed.agent.name} on`).waitFor();
    const openBefore = await count(a, 'open');

    await product.customerSays(openid, '再来一条广告：手表半价');
    // Someone else writes after: once their chat is in the inbox, the blocked one's message would be too.
    await product.customerSays(undefined, '请问几点关门');
    await rowWith(a, '几点关门').waitFor();
    await countBecomes(a, 'open', Number(openBefore) + 1);
    expect(await rowWith(a, '手表半价').count()).toBe(0);
    expect(await a.getByRole('log', { name: 'Messages' }).getByText('手表半价').count()).toBe(0);

    // The contact page keeps it, and says who blocked them.
    await panel.getByRole('link', { name: /Contact page/ }).click();
    await a
      .getByRole('list', { name: 'Messages while blocked' })
      .getByText('再来一条广告：手表半价')
      .waitFor();
    await a.getByRole('button', { name: /^Unblock/ }).click();
    await a.getByRole('button', { name: /^Block/ }).waitFor();
    await a.close();
    expect(errors).toEqual([]);
  }, 120_000);
});
