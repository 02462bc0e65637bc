import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshotPath } from './support/browser.js';
import { OaDesk, type OaAccountFixture } from './support/oa-desk.js';
import { startProduct, type Product } from './support/product-harness.js';

const DESKTOP = { width: 1280, height: 860 };
const NARROW = { width: 400, height: 800 };

/**
 * Search, canned replies and contacts in the agent console, in Chromium against the real server and the
 * simulator (issue 5: "search finds a Chinese phrase"): the agent searches a phrase a customer wrote and opens
 * the conversation at it, answers with a canned reply that names the customer, and merges the customer's
 * contact on another channel so that the contact page shows both.
 */
describe('the console’s search, canned replies and contact page', () => {
  let product: Product;
  let desk: OaDesk;
  let tea: OaAccountFixture;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  let openid: string;
  const phrase = '咖啡豆想退货';

  beforeAll(async () => {
    product = await startProduct();
    desk = await OaDesk.open(product);
    tea = await desk.createOaChannel({ suffix: 'tea' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: DESKTOP });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));

    openid = await desk.newCustomer();
    await desk.customerSays(openid, '早上好');
    await desk.customerSays(openid, `你好，我上周买的${phrase}，包装还没拆，可以吗？`);
    await desk.customerSays(openid, '谢谢');
    // The same customer, writing to the tea shop from another account.
    const other = await desk.newCustomer(tea);
    await desk.customerSays(other, '茶叶的退货也一样吗？', tea);

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

  it('finds a Chinese phrase from a customer’s message and opens the conversation at it, by keyboard', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search' }).click();
    const box = page.getByRole('searchbox', { name: 'Search messages and contacts' });
    // The box has the focus when the page opens.
    await page.waitForFunction("document.activeElement?.getAttribute('type') === 'search'");
    await box.fill(phrase);
    await box.press('Enter');

    const results = page.getByRole('list', { name: 'Messages found' });
    const hit = results.getByRole('link').filter({ hasText: phrase });
    await hit.waitFor();
    expect(await results.getByRole('link').count()).toBe(1);
    expect(await hit.locator('mark').textContent()).toBe(phrase);
    expect(page.url()).toContain(`#/search?q=${encodeURIComponent(phrase)}`);
    await page.screenshot({ path: screenshotPath('search-desktop.png') });

    // Down from the box to the result, Enter to open it.
    await box.press('ArrowDown');
    expect(await hit.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.press('Enter');

    const log = page.getByRole('main').getByRole('log', { name: 'Messages' });
    const found = log.locator('[data-found="true"]');
    await found.waitFor();
    expect(await found.textContent()).toContain(phrase);
    await page.waitForFunction("document.activeElement?.getAttribute('data-found') === 'true'");
    expect(await found.isVisible()).toBe(true);
    const panel = page.getByRole('complementary', { name: 'Contact' });
    await panel.getByRole('link', { name: /^Contact page/ }).waitFor();
    await page.screenshot({ path: screenshotPath('conversation-found-desktop.png') });
  }, 60_000);

  it('keeps a canned reply, and answers with it, the customer’s name filled in and edited before sending', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Canned replies' })
      .click();
    const form = page.getByRole('form', { name: 'New canned reply' });
    await form.getByLabel('Title').fill('Greeting');
    const body = form.getByLabel('Reply');
    await body.fill('您好，{{contact.phone}}');
    await form
      .getByText('Unknown placeholder {{contact.phone}}: use {{contact.name}} or {{agent.name}}')
      .waitFor();
    expect(await form.getByRole('button', { name: 'Add reply' }).isDisabled()).toBe(true);
    await body.fill('您好，');
    await form.getByRole('button', { name: /\{\{contact\.name\}\}/ }).click();
    await body.press('End');
    await body.pressSequentially('！我是{{agent.name}}，很高兴为您服务。');
    await form.getByText(`您好，王先生！我是${product.seed.agent.name}，很高兴为您服务。`).waitFor();
    await form.getByRole('button', { name: 'Add reply' }).click();
    await page.getByRole('status').filter({ hasText: '“Greeting” was added.' }).waitFor();
    const mine = page.getByRole('region', { name: 'Yours canned replies' });
    await mine.getByText('您好，{{contact.name}}！我是{{agent.name}}，很高兴为您服务。').waitFor();
    await page.screenshot({ path: screenshotPath('canned-replies-desktop.png') });

    await page.goBack();
    const chat = page.getByRole('main');
    const name = (await chat.getByRole('heading', { level: 2 }).first().textContent())!;
    const composer = chat.getByRole('textbox', { name: 'Message' });
    await composer.click();
    await page.keyboard.type('/');
    const picker = page.getByRole('dialog', { name: 'Canned replies' });
    await picker.waitFor();
    await page.keyboard.type('greet');
    await picker.getByRole('option', { name: /Greeting/ }).waitFor();
    await page.screenshot({ path: screenshotPath('canned-reply-picker-desktop.png') });
    await page.keyboard.press('Enter');
    const filled = `您好，${name}！我是${product.seed.agent.name}，很高兴为您服务。`;
    expect(await composer.inputValue()).toBe(filled);
    expect(await composer.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.type('请问有什么可以帮您？');
    await page.keyboard.press('Enter');

    const sent = `${filled}请问有什么可以帮您？`;
    await chat.getByRole('listitem').filter({ hasText: '请问有什么可以帮您？' }).getByText('Sent').waitFor();
    const inbox = await product.customerInbox(openid);
    expect(inbox.map((m) => m.content)).toContain(sent);
  }, 60_000);

  it('opens the contact page from the panel, merges the customer’s other channel, and shows both', async () => {
    const panel = page.getByRole('complementary', { name: 'Contact' });
    await panel.getByRole('link', { name: /^Contact page/ }).click();
    const main = page.getByRole('main');
    await main.getByRole('heading', { level: 1 }).waitFor();
    const channels = main.getByRole('list', { name: 'The person’s contacts' });
    expect(await channels.getByRole('listitem').count()).toBe(1);

    await main.getByRole('textbox', { name: 'Name agents use' }).fill('王先生');
    await main.getByRole('textbox', { name: 'Notes' }).fill('买过咖啡豆和茶叶');
    await main.getByRole('button', { name: 'Save' }).click();
    await main.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await main.getByRole('heading', { level: 1, name: '王先生' }).waitFor();

    await main.getByRole('button', { name: 'Merge with another contact…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Merge with another contact' });
    await dialog.getByRole('searchbox', { name: 'Find a contact by name' }).fill('Shop tea');
    await dialog.getByRole('button', { name: 'Find' }).click();
    await dialog.getByRole('list', { name: 'Contacts found' }).waitFor();
    await dialog.getByRole('button', { name: /^Merge Shop tea_/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    await channels.getByRole('listitem').nth(1).waitFor();
    expect(await channels.getByRole('listitem').allTextContents()).toEqual([
      expect.stringContaining('Demo Coffee'),
      expect.stringMatching(/Shop tea.*Merged by an agent/),
    ]);
    const conversations = main.getByRole('region', { name: 'Conversations' });
    expect(await conversations.getByRole('row').count()).toBe(3);
    await main
      .getByRole('region', { name: 'History' })
      .getByText(/merged Shop tea_.* on Shop tea/)
      .waitFor();
    await page.screenshot({ path: screenshotPath('contact-page-desktop.png'), fullPage: true });

    // The panel beside the conversation now shows the other channel too.
    await conversations.getByRole('link', { name: '茶叶的退货也一样吗？' }).click();
    const aside = page.getByRole('complementary', { name: 'Contact' });
    await aside.getByRole('heading', { name: '王先生' }).waitFor();
    expect(
      await aside.getByRole('list', { name: 'Channels of this person' }).getByRole('listitem').count(),
    ).toBe(2);
    await aside.getByText('买过咖啡豆和茶叶').waitFor();
  }, 60_000);

  it('works on a phone-sized screen: search, and the contact page from the conversation', async () => {
    await page.setViewportSize(NARROW);
    await page.goto(`${product.serverUrl}/#/search?q=${encodeURIComponent('退货')}`);
    const results = page.getByRole('list', { name: 'Messages found' });
    await results.getByRole('link').first().waitFor();
    expect(await results.getByRole('link').count()).toBe(2);
    await page.screenshot({ path: screenshotPath('search-narrow.png') });
    await results.getByRole('link').filter({ hasText: phrase }).click();
    const chat = page.getByRole('main');
    await chat.locator('[data-found="true"]').waitFor();
    expect(await page.getByRole('complementary', { name: 'Contact' }).isVisible()).toBe(false);
    await chat.getByRole('link', { name: 'Contact details' }).click();
    await page.getByRole('main').getByRole('heading', { level: 1, name: '王先生' }).waitFor();
    await page.screenshot({ path: screenshotPath('contact-page-narrow.png'), fullPage: true });
    await page.setViewportSize(DESKTOP);
    expect(consoleErrors).toEqual([]);
  }, 60_000);
});
