import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ConversationView, SupervisorOverview, UserView } from '#contracts';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, screenshotPath } from './support/browser.js';
import { startProduct, type Product } from './support/product-harness.js';

const DESKTOP = { width: 1280, height: 800 };
const NARROW = { width: 400, height: 800 };

async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Options read "Li Na · online · 2/5 chats": choose by the name. */
async function selectByText(select: Locator, text: string): Promise<void> {
  const value = await select.locator('option', { hasText: text }).getAttribute('value');
  await select.selectOption(value!);
}

/**
 * A shift in a real browser against the real server and the WeChat simulator (CV3): two agents online,
 * customers arrive and auto-assignment balances them, one agent transfers a chat to the other with a note,
 * the other replies and the customer receives it on WeChat, and a supervisor reassigns a chat.
 */
describe('a shift at the desk', () => {
  let product: Product;
  let browser: Browser;
  const errors: string[] = [];
  const zhang = { email: 'zhang.min@example.com', name: 'Zhang Min', password: 'zhang-test-password' };
  const chen = { email: 'chen.jing@example.com', name: 'Chen Jing', password: 'chen-test-password' };
  let zhangId: string;

  const api = async <T>(
    method: string,
    path: string,
    body?: unknown,
    token = product.admin.token,
  ): Promise<T> => {
    const response = await fetch(`${product.serverUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  const overview = () => api<SupervisorOverview>('GET', '/api/supervisor/overview');
  const loads = async () => {
    const { agents } = await overview();
    const of = (id: string) => agents.find((a) => a.id === id)?.activeChats ?? -1;
    return [of(product.agent.id), of(zhangId)];
  };

  beforeAll(async () => {
    product = await startProduct();
    browser = await launchChromium();
    const departmentId = product.seed.department.id;
    for (const person of [
      { ...zhang, role: 'agent' },
      { ...chen, role: 'supervisor' },
    ]) {
      const user = await api<UserView>('POST', '/api/users', { ...person, departmentIds: [departmentId] });
      if (person.role === 'agent') zhangId = user.id;
    }
    await api('PUT', `/api/channels/${product.seed.channel.id}/agents`, {
      agentIds: [product.agent.id, zhangId],
    });
    await api('PUT', `/api/departments/${departmentId}/assignment`, { autoAssign: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  async function signedIn(email: string, password: string, viewport = DESKTOP): Promise<Page> {
    const page = await browser.newPage({ viewport });
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${email}: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`${email}: ${error.message}`));
    await page.goto(product.serverUrl);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-live-status="connected"]').waitFor({ timeout: 15_000 });
    return page;
  }

  it('balances four customers 2/2, a transfer with a note reaches the other agent, their reply reaches WeChat, and a supervisor reassigns', async () => {
    // Signing in makes an agent online: auto-assignment considers them from then on.
    const li = await signedIn(product.agent.email, product.agent.password);
    const zhangPage = await signedIn(zhang.email, zhang.password);

    const customers: string[] = [];
    for (const words of ['我的订单没到', '可以退款吗', '发票怎么开', '咖啡豆有货吗']) {
      customers.push((await product.customerSays(undefined, words)).openid);
    }
    expect(await eventually(loads, (l) => l[0] === 2 && l[1] === 2)).toEqual([2, 2]);

    // Li Na's inbox shows her chats as active; she opens one and transfers it to Zhang Min with a note.
    const mine = (await api<ConversationView[]>('GET', '/api/conversations?status=active')).filter(
      (c) => c.assigneeId === product.agent.id,
    );
    const moving = mine[0];
    await li.goto(`${product.serverUrl}/#/open/${moving.id}`);
    const chat = li.getByRole('main');
    const actions = chat.getByRole('toolbar', { name: 'Conversation actions' });
    await actions.getByRole('button', { name: 'Transfer…' }).click();
    const dialog = li.getByRole('dialog', { name: 'Transfer this chat' });
    await selectByText(dialog.getByLabel('Agent', { exact: true }), 'Zhang Min');
    await dialog.getByLabel('Note for the receiver').fill('VIP: wants a refund for order 1234');
    await dialog.getByRole('button', { name: 'Transfer' }).click();
    const transferLine = 'Transferred to Zhang Min by Li Na: VIP: wants a refund for order 1234';
    await chat.getByRole('log', { name: 'Messages' }).getByText(transferLine).waitFor();
    // No longer hers: she may not transfer it again.
    await actions.getByRole('button', { name: 'Transfer…' }).waitFor({ state: 'detached' });

    // Zhang Min reads the note in the conversation and replies; the customer receives it on WeChat.
    await zhangPage.goto(`${product.serverUrl}/#/open/${moving.id}`);
    const zhangChat = zhangPage.getByRole('main');
    const zhangLog = zhangChat.getByRole('log', { name: 'Messages' });
    await zhangLog.getByText(transferLine).waitFor();
    await zhangChat.getByRole('textbox', { name: 'Message' }).fill('您好，我是张敏，马上为您办理退款。');
    await zhangPage.keyboard.press('Enter');
    await zhangLog
      .getByRole('listitem')
      .filter({ hasText: '马上为您办理退款' })
      .getByText('Sent')
      .waitFor({ timeout: 15_000 });
    const received = await eventually(
      async () => (await Promise.all(customers.map((openid) => product.customerInbox(openid)))).flat(),
      (all) => all.some((m) => m.content === '您好，我是张敏，马上为您办理退款。'),
    );
    expect(received).toContainEqual(
      expect.objectContaining({ msgtype: 'text', content: '您好，我是张敏，马上为您办理退款。' }),
    );
    await zhangPage.screenshot({ path: screenshotPath('conversation-actions-activity.png') });
    expect(await loads()).toEqual([1, 3]);

    // The supervisor sees both agents with their load, and gives one of Zhang Min's chats back to Li Na.
    const supervisor = await signedIn(chen.email, chen.password);
    await supervisor
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Supervisor' })
      .click();
    const team = supervisor.getByRole('region', { name: 'Agents' });
    await team.locator('tr[data-agent="Zhang Min"] [data-load]').filter({ hasText: '3/5' }).waitFor();
    await team.locator('tr[data-agent="Li Na"] [data-load]').filter({ hasText: '1/5' }).waitFor();
    const active = supervisor.getByRole('region', { name: /Active chats/ });
    const zhangsChat = (await api<ConversationView[]>('GET', '/api/conversations?status=active')).find(
      (c) => c.assigneeId === zhangId && c.id !== moving.id,
    )!;
    const name = zhangsChat.contact.displayName;
    await selectByText(active.getByLabel(`Agent for ${name}`), 'Li Na');
    await supervisor.screenshot({ path: screenshotPath('supervisor-desktop.png') });
    await active.getByRole('button', { name: `Reassign ${name}` }).click();
    await active
      .locator(`tr[data-conversation="${name}"] [data-assignee]`)
      .filter({ hasText: 'Li Na' })
      .waitFor();
    // Live: the loads follow without a reload.
    await team.locator('tr[data-agent="Li Na"] [data-load]').filter({ hasText: '2/5' }).waitFor();
    expect(await loads()).toEqual([2, 2]);

    // Li Na's open inbox learns it live, and the activity says who did it.
    await li.goto(`${product.serverUrl}/#/open/${zhangsChat.id}`);
    await li.getByRole('log', { name: 'Messages' }).getByText('Reassigned to Li Na by Chen Jing').waitFor();
    await li.screenshot({ path: screenshotPath('conversation-reassigned.png') });

    await supervisor.setViewportSize(NARROW);
    await team.waitFor();
    await supervisor.screenshot({ path: screenshotPath('supervisor-narrow.png'), fullPage: true });
    await li.setViewportSize(NARROW);
    await li
      .getByRole('toolbar', { name: 'Conversation actions' })
      .getByRole('button', { name: 'Close' })
      .waitFor();
    await li.screenshot({ path: screenshotPath('conversation-actions-narrow.png') });

    expect(errors).toEqual([]);
  }, 180_000);

  it('lets an agent take a waiting chat; of two agents taking it at once, the second is told who has it', async () => {
    await api('PUT', `/api/departments/${product.seed.department.id}/assignment`, { autoAssign: false });
    await product.customerSays(undefined, '有人在吗？');
    const waiting = await eventually(
      async () => (await api<ConversationView[]>('GET', '/api/conversations?status=waiting'))[0],
      (c) => c !== undefined,
    );
    const pages = [
      await signedIn(product.agent.email, product.agent.password),
      await signedIn(zhang.email, zhang.password),
    ];
    const toolbars = pages.map((page) =>
      page.getByRole('main').getByRole('toolbar', { name: 'Conversation actions' }),
    );
    for (const page of pages) await page.goto(`${product.serverUrl}/#/open/${waiting.id}`);
    for (const toolbar of toolbars) await toolbar.getByRole('button', { name: 'Take' }).waitFor();
    await Promise.all(toolbars.map((toolbar) => toolbar.getByRole('button', { name: 'Take' }).click()));

    const taken = await eventually(
      () => api<ConversationView>('GET', `/api/conversations/${waiting.id}`),
      (c) => c.status === 'active',
    );
    const winner = taken.assigneeId === product.agent.id ? 'Li Na' : 'Zhang Min';
    const loser = taken.assigneeId === product.agent.id ? toolbars[1] : toolbars[0];
    await loser
      .getByRole('alert')
      .filter({ hasText: `${winner} has already taken this chat` })
      .waitFor();
    // Both screens learn it live: nobody is offered to take it any more.
    for (const toolbar of toolbars)
      await toolbar.getByRole('button', { name: 'Take' }).waitFor({ state: 'detached' });
    // The browser reports the refused request itself; nothing else went wrong.
    expect(errors.filter((e) => !e.includes('409'))).toEqual([]);
  }, 60_000);
});
