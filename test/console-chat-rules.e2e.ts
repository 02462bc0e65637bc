import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { DepartmentPreferencesView } from '#contracts';
import type { Browser, Page } from 'playwright-core';
import { FakeClock } from '../apps/server/src/common/clock.js';
import { launchChromium, screenshotPath } from './support/browser.js';
import { startProduct, type Product } from './support/product-harness.js';

const DESKTOP = { width: 1280, height: 860 };
const NARROW = { width: 400, height: 820 };
const MINUTE = 60_000;

/**
 * Chat rules in the console (PF1–PF4, TK1, TK2), in Chromium against the real server and the WeChat
 * simulator. The server runs on a fake clock that this test holds in its own process (no route can move
 * it) and sweeps its timers every second: an admin sets the timers on the department's Chat rules page, an
 * agent watches a chat nobody took become missed and then closed, and sees a new ticket appear when a
 * customer writes long after their ticket's last activity.
 */
describe('chat rules in the console', () => {
  const clock = FakeClock.running();
  let product: Product;
  let browser: Browser;
  const errors: string[] = [];

  beforeAll(async () => {
    product = await startProduct({ clock, env: { TIMER_SWEEP_SECONDS: '1' } });
    browser = await launchChromium();
  }, 120_000);

  beforeEach(() => {
    errors.length = 0;
  });

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  /** Our clock and WeChat's move together: customers' messages carry the simulator's CreateTime. */
  const advance = (ms: number) => {
    clock.advance(ms);
    product.simulator.clock.advance(ms / 1000);
  };

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

  it('an admin sets the timers; the agent sees a missed chat close and a late reply start a new ticket', async () => {
    const admin = await signIn(product.admin.email, product.admin.password);
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Departments' }).click();
    await admin.getByRole('link', { name: `Chat rules of ${product.seed.department.name}` }).click();
    await admin
      .getByRole('heading', { level: 1, name: `Chat rules: ${product.seed.department.name}` })
      .waitFor();

    await admin.getByLabel('Every new chat becomes a ticket when it starts').check();
    await admin.getByRole('radio', { name: /After a while/ }).check();
    await admin.getByLabel('New ticket after (minutes)').fill('60');
    await admin.getByLabel('A waiting chat is missed after (minutes)').fill('5');
    await admin.getByLabel('Close missed chats automatically').check();
    // Too soon for PF2: the form says why and will not save.
    await admin.getByLabel('Close a missed chat after (minutes)').fill('10');
    await admin
      .getByRole('alert')
      .getByText(/15 minutes at the earliest/)
      .waitFor();
    expect(await admin.getByRole('button', { name: 'Save chat rules' }).isDisabled()).toBe(true);
    await admin.getByLabel('Close a missed chat after (minutes)').fill('15');
    // Business hours in the department's zone, with a closed day.
    await admin.getByRole('button', { name: 'Set business hours' }).click();
    await admin.getByLabel('Time zone').fill('Asia/Shanghai');
    await admin.getByLabel('Open on Saturday').check();
    await admin.getByLabel('Saturday closes at').fill('12:00');
    await admin.getByRole('button', { name: 'Add an exception' }).click();
    await admin.getByLabel('Date', { exact: true }).fill('2027-01-01');
    await admin.getByLabel('Note').fill('New Year');
    await admin.locator('.hours-table').screenshot({ path: screenshotPath('chat-rules-business-hours.png') });
    await admin.getByRole('button', { name: 'Save chat rules' }).click();
    await admin.getByRole('status').getByText('Saved.').waitFor();
    const stored = await fetch(
      `${product.serverUrl}/api/preferences/departments/${product.seed.department.id}`,
      {
        headers: { authorization: `Bearer ${product.admin.token}` },
      },
    ).then((r) => r.json() as Promise<DepartmentPreferencesView>);
    expect(stored.settings).toMatchObject({
      autoTicket: true,
      ticketTimer: { mode: 'after', minutes: 60 },
      missedAfterMinutes: 5,
      missedClose: { enabled: true, afterMinutes: 15 },
      businessHours: {
        timeZone: 'Asia/Shanghai',
        exceptions: [{ date: '2027-01-01', hours: [], note: 'New Year' }],
      },
    });
    expect(stored.settings.businessHours!.weekly[6]).toEqual([{ from: '09:00', to: '12:00' }]);
    await admin.screenshot({ path: screenshotPath('chat-rules-desktop.png'), fullPage: true });
    await admin.setViewportSize(NARROW);
    await admin.getByRole('heading', { level: 1, name: /Chat rules/ }).waitFor();
    await admin.screenshot({ path: screenshotPath('chat-rules-narrow.png') });
    await admin.close();

    // A chat nobody takes: missed after 5 minutes, closed 15 minutes later, live in the agent's view.
    const agent = await signIn(product.agent.email, product.agent.password);
    const ignored = '请问有人在吗';
    await product.customerSays(undefined, ignored);
    await agent
      .getByRole('navigation', { name: 'Conversations' })
      .getByRole('link', { name: new RegExp(ignored) })
      .click();
    const chat = agent.getByRole('main');
    await chat.getByRole('log', { name: 'Messages' }).getByText(ignored).waitFor();
    await chat.getByText('Waiting', { exact: true }).waitFor();
    advance(5 * MINUTE + 1000);
    await chat.getByText('Missed', { exact: true }).waitFor();
    // The timeline says why, in the system's words.
    await chat
      .getByRole('log', { name: 'Messages' })
      .getByText('Missed: nobody took it within 5 min')
      .waitFor();
    advance(15 * MINUTE + 1000);
    await chat.getByText('Closed', { exact: true }).waitFor();
    await chat
      .getByRole('log', { name: 'Messages' })
      .getByText('Closed 15 min after it was missed')
      .waitFor();
    await chat.getByText('This conversation is closed: replies can no longer be sent.').first().waitFor();

    // A customer whose chat became a ticket at once writes again 61 minutes after its last activity.
    const question = '我的订单还没发货';
    const { openid } = await product.customerSays(undefined, question);
    await agent
      .getByRole('navigation', { name: 'Conversations' })
      .getByRole('link', { name: new RegExp(question) })
      .click();
    const bar = chat.getByRole('group', { name: 'Ticket' });
    const firstLink = bar.getByRole('link', { name: /^Ticket #\d+$/ });
    await firstLink.waitFor();
    const first = Number(/#(\d+)/.exec((await firstLink.textContent()) ?? '')![1]);
    advance(61 * MINUTE);
    await product.customerSays(openid, '三天前下的单');
    await bar.getByRole('link', { name: `Ticket #${first + 1}` }).waitFor();
    await agent.screenshot({ path: screenshotPath('ticket-timer-new-ticket.png') });

    await bar.getByRole('link', { name: `Ticket #${first + 1}` }).click();
    const history = agent.getByRole('region', { name: 'History' });
    await history.getByText(`Customer wrote 1 h 1 min after #${first}`).waitFor();
    expect(errors).toEqual([]);
    await agent.close();
  }, 120_000);
});
