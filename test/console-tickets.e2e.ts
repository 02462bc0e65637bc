import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { TicketDetailView } from '#contracts';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshotPath } from './support/browser.js';
import { startProduct, type Product } from './support/product-harness.js';

const DESKTOP = { width: 1280, height: 860 };
const NARROW = { width: 400, height: 820 };

/**
 * Tickets in the console (TK1, TK3, RT3), in Chromium against the real server and the WeChat simulator: an
 * agent turns a customer's chat into a ticket, sets its priority, status and subject, reads its history, and
 * finds it again from the chat and from the tickets list.
 */
describe('tickets in the console', () => {
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

  async function signIn(viewport = DESKTOP): Promise<Page> {
    const page = await browser.newPage({ viewport });
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(product.serverUrl);
    await page.getByLabel('Email').fill(product.agent.email);
    await page.getByLabel('Password', { exact: true }).fill(product.agent.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    return page;
  }

  const api = async <T>(path: string): Promise<T> => {
    const token = await product.login(product.agent.email, product.agent.password);
    const response = await fetch(`${product.serverUrl}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return (await response.json()) as T;
  };

  it('converts a chat into a ticket, sets its priority, status and subject, and shows it from the chat and the list', async () => {
    const question = '我的咖啡机漏水了';
    await product.customerSays(undefined, question);

    const page = await signIn();
    const inbox = page.getByRole('navigation', { name: 'Conversations' });
    await inbox.getByRole('link', { name: new RegExp(question) }).click();
    const chat = page.getByRole('main');
    await chat.getByRole('log', { name: 'Messages' }).getByText(question).waitFor();

    // The chat is not a ticket yet: the agent converts it.
    const bar = chat.getByRole('group', { name: 'Ticket' });
    await bar.getByText('Not a ticket yet').waitFor();
    await bar.getByRole('button', { name: 'Convert to ticket' }).click();
    const ticketLink = bar.getByRole('link', { name: /^Ticket #\d+$/ });
    await ticketLink.waitFor();
    expect(await bar.getByText(question).isVisible()).toBe(true);
    const number = /#(\d+)/.exec((await ticketLink.textContent()) ?? '')![1];
    expect(await bar.getByText('Open', { exact: true }).isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('conversation-ticket-desktop.png') });

    // The ticket: its subject is the customer's words, its thread the chat (drawn as in the chat).
    await ticketLink.click();
    const heading = page.getByRole('heading', { level: 1, name: `#${number} ${question}` });
    await heading.waitFor();
    const thread = page.getByRole('region', { name: 'Thread' });
    await thread
      .getByRole('list', { name: /Messages of the conversation on/ })
      .getByText(question)
      .waitFor();
    expect(await thread.locator('.message--inbound .bubble').count()).toBe(1);

    const history = page.getByRole('region', { name: 'History' });
    await history.getByText(`${product.seed.agent.name} created the ticket from a conversation`).waitFor();

    // Priority, then status: each change is saved at once and written to the history.
    await page.getByLabel('Priority').selectOption('high');
    await history.getByText('changed the priority from Normal to High').waitFor();
    await page.getByLabel('Status').selectOption('on-hold');
    await history.getByText('changed the status from Open to On hold').waitFor();
    const head = page.locator('.ticket-page__head');
    await head.getByText('On hold', { exact: true }).waitFor();
    expect(await head.getByText('Priority: High').count()).toBe(1);

    // The subject is edited in place with the keyboard: Escape gives up, Enter saves.
    await page.getByRole('button', { name: 'Edit subject' }).click();
    const subject = page.getByRole('textbox', { name: 'Subject' });
    await subject.fill('Leaking machine');
    await page.keyboard.press('Escape');
    await heading.waitFor();
    await page.getByRole('button', { name: 'Edit subject' }).click();
    await subject.fill('咖啡机漏水 — replacement needed');
    await page.keyboard.press('Enter');
    await page
      .getByRole('heading', { level: 1, name: `#${number} 咖啡机漏水 — replacement needed` })
      .waitFor();
    await history
      .getByText(`changed the subject from “${question}” to “咖啡机漏水 — replacement needed”`)
      .waitFor();
    // The focus is back on the button that started the edit.
    await page.waitForFunction(`document.activeElement?.textContent === 'Edit subject'`, null, {
      timeout: 5000,
    });
    await page.screenshot({ path: screenshotPath('ticket-desktop.png'), fullPage: true });

    // What the API stored is what the screen showed.
    const { ticket, activity } = await api<TicketDetailView>(
      `/api/tickets/${new URL(page.url()).hash.split('/')[2]}`,
    );
    expect(ticket).toMatchObject({ number: Number(number), status: 'on-hold', priority: 'high' });
    expect(activity.map((a) => a.change.kind)).toEqual(['created', 'priority', 'status', 'subject']);
    expect(activity.every((a) => a.actor?.id === product.agent.id)).toBe(true);

    // The list finds it by number, with its badges; a filter that excludes it says so.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tickets' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tickets' }).waitFor();
    const list = page.getByRole('list', { name: 'Tickets' });
    const row = list.getByRole('link', {
      name: new RegExp(`#${number}.*replacement needed.*On hold.*Priority: High`),
    });
    await row.waitFor();
    await page.screenshot({ path: screenshotPath('tickets-desktop.png') });
    await page.getByLabel('Status').selectOption('closed');
    await page.getByText('No tickets match these filters').waitFor();
    await page.getByLabel('Status').selectOption('all');
    await page.getByRole('searchbox', { name: 'Search tickets' }).fill(`#${number}`);
    await page.keyboard.press('Enter');
    await row.waitFor();
    expect(await list.getByRole('listitem').count()).toBe(1);
    expect(page.url()).toContain(`q=%23${number}`);

    // Back in the chat, the conversation shows its ticket.
    await row.click();
    await thread.getByRole('link', { name: /Open in inbox/ }).click();
    await chat.getByRole('log', { name: 'Messages' }).getByText(question).waitFor();
    const shown = chat.getByRole('group', { name: 'Ticket' });
    await shown.getByRole('link', { name: `Ticket #${number}` }).waitFor();
    await shown.getByText('On hold', { exact: true }).waitFor();
    expect(await shown.getByRole('button', { name: 'Convert to ticket' }).count()).toBe(0);

    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('links a customer’s new chat to their closed ticket, and works on a phone-sized screen', async () => {
    const { openid } = await product.customerSays(undefined, 'Where is my refund?');
    const page = await signIn(NARROW);
    await page
      .getByRole('navigation', { name: 'Conversations' })
      .getByRole('link', { name: /Where is my refund/ })
      .click();
    const chat = page.getByRole('main');
    const bar = chat.getByRole('group', { name: 'Ticket' });
    await bar.getByRole('button', { name: 'Convert to ticket' }).click();
    const first = bar.getByRole('link', { name: /^Ticket #\d+$/ });
    await first.waitFor();
    await page.screenshot({ path: screenshotPath('conversation-ticket-narrow.png') });
    await first.click();
    await page.getByLabel('Status').selectOption('closed');
    await page.getByRole('region', { name: 'History' }).getByText('closed the ticket').waitFor();
    expect(await page.getByLabel('Priority').isDisabled()).toBe(true);
    await page.screenshot({ path: screenshotPath('ticket-narrow.png'), fullPage: true });
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);

    // The chat ends (issue 5 adds closing to the console) and the customer writes again: a new chat.
    const db = new pg.Client({ connectionString: product.databaseUrl });
    await db.connect();
    try {
      await db.query(
        `UPDATE conversations SET status = 'closed', closed_at = now()
         WHERE contact_id = (SELECT id FROM contacts WHERE platform_user_id = $1)`,
        [openid],
      );
    } finally {
      await db.end();
    }
    await product.customerSays(openid, 'Still no refund');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' }).click();
    await page
      .getByRole('navigation', { name: 'Conversations' })
      .getByRole('link', { name: /Still no refund/ })
      .click();
    const again = chat.getByRole('group', { name: 'Ticket' });
    await again.getByRole('button', { name: 'Link to ticket' }).click();
    const dialog = page.getByRole('dialog', { name: 'Link to a ticket' });
    await dialog.getByRole('radio', { name: /Where is my refund\?/ }).check();
    await expect(dialog.getByText('linking reopens it').isVisible()).resolves.toBe(true);
    await dialog.getByRole('button', { name: 'Link' }).click();
    await again.getByRole('link', { name: /^Ticket #\d+$/ }).waitFor();
    await again.getByText('Where is my refund?').waitFor();
    await again.getByText('Open', { exact: true }).waitFor();

    await again.getByRole('link', { name: /^Ticket #\d+$/ }).click();
    const thread = page.getByRole('region', { name: 'Thread' });
    await thread.getByText('Still no refund').waitFor();
    await thread.getByText('Where is my refund?').waitFor();
    const history = page.getByRole('region', { name: 'History' });
    await history.getByText('linked a conversation').waitFor();
    await history.getByText('reopened the ticket').waitFor();
    await history.getByText('A conversation was linked to it').waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tickets' }).click();
    await page
      .getByRole('list', { name: 'Tickets' })
      .getByRole('link', { name: /Where is my refund/ })
      .waitFor();
    await page.screenshot({ path: screenshotPath('tickets-narrow.png') });
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);

    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
