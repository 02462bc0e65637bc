import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshotPath } from './support/browser.js';
import { startProduct, type Product } from './support/product-harness.js';

/**
 * An admin connects a new Official Account in the console, in a real browser, and the simulated WeChat takes
 * the values the screens gave: URL verification passes and a customer's message reaches the inbox.
 */
const DESKTOP = { width: 1280, height: 900 };
const NARROW = { width: 400, height: 860 };
const APP_ID = 'wx5e7f00000000c0de';
const APP_SECRET = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const ORIGINAL_ID = 'gh_5e7f0000c0de';

describe('channel setup in the console', () => {
  let product: Product;
  let browser: Browser;
  const errors: string[] = [];

  beforeAll(async () => {
    product = await startProduct();
    browser = await launchChromium();
  }, 120_000);

  beforeEach(() => {
    errors.length = 0;
  });

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  async function signIn(email: string, password: string, viewport = DESKTOP): Promise<Page> {
    const page = await browser.newPage({ viewport });
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(product.serverUrl);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    return page;
  }

  /** The control's value once it matches (a Generate button fills it from the server). */
  async function valueMatching(locator: ReturnType<Page['getByLabel']>, pattern: RegExp): Promise<string> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const value = await locator.inputValue();
      if (pattern.test(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const sim = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${product.simulator.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`simulator ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };

  it('creates an Official Account channel, connects the simulated WeChat with its values, and receives a message', async () => {
    const page = await signIn(product.admin.email, product.admin.password);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Channels' }).click();
    await page.getByRole('heading', { name: 'Channels', level: 1 }).waitFor();
    const table = page.getByRole('table');
    await table.getByRole('row', { name: new RegExp(product.seed.channel.name) }).waitFor();
    await page.screenshot({ path: screenshotPath('admin-channels-desktop.png') });

    await page.getByRole('link', { name: 'New Official Account channel' }).click();
    await page.getByRole('heading', { name: 'New WeChat Official Account channel' }).waitFor();

    // Going on with nothing filled in shows each problem by its field and puts the focus on the first.
    await page.getByRole('button', { name: 'Next' }).click();
    const name = page.getByLabel('Channel name');
    await expect(name.getAttribute('aria-invalid')).resolves.toBe('true');
    await page.waitForFunction(`document.activeElement?.getAttribute('data-field') === 'name'`, null, {
      timeout: 5_000,
    });
    await page.getByText('The AppID starts with wx and is followed by 16 letters or digits').waitFor();

    await name.fill('Acme 咖啡');
    await page.getByLabel('Department').selectOption({ label: product.seed.department.name });
    await page.getByLabel('Original ID').fill(ORIGINAL_ID);
    await page.getByLabel('AppID').fill('wx-not-an-appid');
    await page.getByLabel('AppID').blur();
    await expect(page.getByLabel('AppID').getAttribute('aria-invalid')).resolves.toBe('true');
    await page.getByLabel('AppID').fill(APP_ID);
    await page.getByLabel('AppSecret', { exact: true }).fill(APP_SECRET);
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 2: generate the Token and the EncodingAESKey (safe mode is the default).
    await page.getByRole('button', { name: 'Generate Token' }).click();
    const generatedToken = await valueMatching(
      page.getByLabel('Token', { exact: true }),
      /^[A-Za-z0-9]{32}$/,
    );
    expect(generatedToken).toMatch(/^[A-Za-z0-9]{32}$/);
    await page.getByRole('button', { name: 'Generate key' }).click();
    const generatedKey = await valueMatching(
      page.getByLabel('EncodingAESKey', { exact: true }),
      /^[A-Za-z0-9]{43}$/,
    );
    expect(generatedKey).toMatch(/^[A-Za-z0-9]{43}$/);
    expect(await page.getByRole('radio', { name: /Safe mode/ }).isChecked()).toBe(true);
    await page.screenshot({ path: screenshotPath('admin-new-channel-step2.png'), fullPage: true });
    await page.getByRole('button', { name: 'Create channel' }).click();

    // Step 3: what to paste on WeChat's side.
    await page.getByText('The channel “Acme 咖啡” is created').waitFor();
    const callbackUrl = await page.getByLabel('Callback URL').inputValue();
    expect(callbackUrl).toMatch(new RegExp(`^${product.serverUrl}/callbacks/wechat-oa/[0-9a-f-]{36}$`));
    expect(await page.getByLabel('Token', { exact: true }).inputValue()).toBe(generatedToken);
    expect(await page.getByLabel('EncodingAESKey', { exact: true }).inputValue()).toBe(generatedKey);
    await page.getByRole('heading', { name: 'On WeChat’s side, step by step' }).waitFor();
    // No EGRESS_IPS on this server: the screen says how to find the address instead of listing nothing.
    await page.getByText('This server’s egress IP addresses are not configured').waitFor();
    await page.getByRole('button', { name: 'Copy Callback URL' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Callback URL copied|Selected/ })
      .waitFor();
    await page.screenshot({ path: screenshotPath('admin-new-channel-connect.png'), fullPage: true });

    // The OA admin saves these on WeChat's server-config page; WeChat checks the URL at once.
    await sim('POST', '/sim/oa/accounts', {
      appId: APP_ID,
      appSecret: APP_SECRET,
      token: generatedToken,
      encodingAesKey: generatedKey,
      originalId: ORIGINAL_ID,
      encryptionMode: 'safe',
      callbackUrl,
      name: 'Acme 咖啡',
    });
    const verification = await sim<{ ok: boolean; status: number; body: string }>(
      'POST',
      `/sim/oa/accounts/${APP_ID}/verify-url`,
    );
    expect(verification).toMatchObject({ ok: true, status: 200 });

    // A customer writes; the encrypted push is accepted and the message is in the admin's inbox.
    const { openid } = await sim<{ openid: string }>('POST', `/sim/oa/accounts/${APP_ID}/customers`, {});
    const pushed = await sim<{ delivered: boolean }>(
      'POST',
      `/sim/oa/accounts/${APP_ID}/customers/${openid}/messages`,
      { type: 'text', content: '新频道的第一条消息' },
    );
    expect(pushed.delivered).toBe(true);
    await nav.getByRole('link', { name: 'Inbox' }).click();
    const inbox = page.getByRole('navigation', { name: 'Conversations' });
    await inbox.getByRole('link', { name: /新频道的第一条消息.*Acme 咖啡/ }).waitFor();

    // The new channel is listed, with its department and not yet verified.
    await nav.getByRole('link', { name: 'Channels' }).click();
    const row = page.getByRole('row', { name: /Acme 咖啡/ });
    await row.getByText(product.seed.department.name).waitFor();
    await row.getByText('Not verified yet').waitFor();
    await page.close();
    expect(errors).toEqual([]);
  }, 120_000);

  it('verifies the installation, explains an IP whitelist refusal, and shows the channel healthy again once fixed', async () => {
    const page = await signIn(product.admin.email, product.admin.password);
    const appId = product.seed.channel.config.appId;
    await page.goto(`${product.serverUrl}/#/admin/channels/${product.seed.channel.id}/connect`);
    const verify = page.getByRole('button', { name: 'Verify installation' });
    const result = page.getByRole('status').filter({ has: page.locator('.callout') });

    await verify.click();
    await result.getByText('Installation verified').waitFor();

    // The account's API IP whitelist no longer lists this server (WeChat's 40164).
    await sim('POST', `/sim/oa/accounts/${appId}/ip-whitelist`, { enabled: true, ips: ['203.0.113.9'] });
    await verify.click();
    await result.getByText('This server is not on the IP whitelist').waitFor();
    expect(await result.textContent()).toContain('127.0.0.1');
    // The channel page says so too, and the list shows the problem with its reason.
    await page.getByRole('note').filter({ hasText: 'WeChat refused this channel’s configuration' }).waitFor();
    await page.screenshot({ path: screenshotPath('admin-verify-ip-desktop.png'), fullPage: true });
    await page.goto(`${product.serverUrl}/#/admin/channels`);
    const row = page.getByRole('row', { name: new RegExp(product.seed.channel.name) });
    await row.getByText('Problem').waitFor();
    expect(await row.textContent()).toContain('127.0.0.1');

    await sim('POST', `/sim/oa/accounts/${appId}/ip-whitelist`, { enabled: false });
    await page.goto(`${product.serverUrl}/#/admin/channels/${product.seed.channel.id}/connect`);
    await page.getByRole('button', { name: 'Verify installation' }).click();
    await page.getByRole('status').getByText('Installation verified').waitFor();
    await page.goto(`${product.serverUrl}/#/admin/channels`);
    await page
      .getByRole('row', { name: new RegExp(product.seed.channel.name) })
      .getByText('Working')
      .waitFor();
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('edits the menu with the byte limits shown, publishes it to WeChat, and deactivates the channel after confirming', async () => {
    const page = await signIn(product.admin.email, product.admin.password);
    await page.goto(`${product.serverUrl}/#/admin/channels/${product.seed.channel.id}/menu`);
    await page.getByRole('heading', { name: 'Custom menu' }).waitFor();

    const first = page.getByRole('group', { name: 'Button 1', exact: true });
    // The first button starts as "talk to an agent"; a name over 16 bytes is flagged at once.
    expect(await first.getByLabel('What it does').inputValue()).toBe('talk-to-agent');
    await first.getByLabel('Name').fill('联系我们的人工客服');
    await first.getByText('27 bytes; at most 16').waitFor();
    await first.getByLabel('Name').fill('人工客服');

    await page.getByRole('button', { name: 'Add button' }).click();
    const second = page.getByRole('group', { name: 'Button 2', exact: true });
    await second.getByLabel('Name').fill('更多');
    await second.getByLabel('What it does').selectOption('submenu');
    const item = page.getByRole('group', { name: 'Button 2, item 1' });
    await item.getByLabel('Name').fill('官网');
    await item.getByLabel('Web address').fill('https://example.com/');
    await page.getByRole('button', { name: 'Save and publish' }).click();
    await page.getByText('Published. Followers see the new menu').waitFor();

    const published = await sim<{ menu: unknown }>(
      'GET',
      `/sim/oa/accounts/${product.seed.channel.config.appId}/menu`,
    );
    expect(published.menu).toEqual({
      button: [
        { type: 'click', name: '人工客服', key: 'TALK_TO_AGENT' },
        { name: '更多', sub_button: [{ type: 'view', name: '官网', url: 'https://example.com/' }] },
      ],
    });
    await page.getByRole('button', { name: 'Check what WeChat shows' }).click();
    await page.getByText('WeChat shows exactly the saved menu.').waitFor();
    await page.screenshot({ path: screenshotPath('admin-menu-desktop.png'), fullPage: true });

    // Deactivating asks first, and Escape leaves everything as it was.
    await page.getByRole('button', { name: 'Deactivate' }).click();
    const dialog = page.getByRole('dialog', { name: `Deactivate “${product.seed.channel.name}”?` });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Deactivate' }).click();
    await dialog.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByRole('button', { name: 'Reactivate' }).waitFor();
    await page.getByText('This channel is deactivated').waitFor();
    const { delivered } = await product.customerSays(undefined, 'is anyone there?');
    expect(delivered).toBe(false);
    await page.getByRole('button', { name: 'Reactivate' }).click();
    await page
      .getByRole('dialog', { name: /Reactivate/ })
      .getByRole('button', { name: 'Reactivate' })
      .click();
    await page.getByRole('button', { name: 'Deactivate' }).waitFor();
    await page.close();
    expect(errors).toEqual([]);
  }, 90_000);

  it('works at phone width, and shows agents no admin screens', async () => {
    const admin = await signIn(product.admin.email, product.admin.password, NARROW);
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Channels' }).click();
    await admin
      .getByRole('link', { name: new RegExp(product.seed.channel.name) })
      .first()
      .waitFor();
    expect(await admin.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await admin.screenshot({ path: screenshotPath('admin-channels-narrow.png'), fullPage: true });
    await admin.goto(`${product.serverUrl}/#/admin/channels/${product.seed.channel.id}/connect`);
    await admin.getByRole('button', { name: 'Verify installation' }).waitFor();
    expect(await admin.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await admin.screenshot({ path: screenshotPath('admin-connect-narrow.png'), fullPage: true });
    await admin.close();

    const agent = await signIn(product.agent.email, product.agent.password);
    // Agents move between the inbox, the tickets and search; the setup screens are not offered to them.
    const agentNav = agent.getByRole('navigation', { name: 'Main' });
    await agentNav.getByRole('link', { name: 'Tickets' }).waitFor();
    await agentNav.getByRole('link', { name: 'Search' }).waitFor();
    expect(await agentNav.getByRole('link', { name: 'Channels' }).count()).toBe(0);
    await agent.goto(`${product.serverUrl}/#/admin/channels`);
    await agent.getByRole('navigation', { name: 'Conversations' }).waitFor();
    expect(await agent.getByRole('heading', { name: 'Channels' }).count()).toBe(0);
    await agent.close();
    expect(errors).toEqual([]);
  }, 60_000);
});
