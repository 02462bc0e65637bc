import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ChannelView, DepartmentView, UserView } from '#contracts';
import pg from 'pg';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium, screenshotPath } from './support/browser.js';
import { PresenceService } from '../apps/server/src/identity/presence.service.js';
import { startProduct, type Product } from './support/product-harness.js';

/**
 * Departments and people in a real browser: an admin creates a department and invites an agent; the agent
 * opens the link in a browser of their own, chooses a password and works; the admin changes their capacity,
 * departments and channels, sees their presence, and deactivates them, which signs their open console out.
 */
const DESKTOP = { width: 1280, height: 900 };
const NARROW = { width: 400, height: 860 };
/** The people list refreshes itself every 10 s while visible. */
const LIST_REFRESH_WAIT = { timeout: 30_000 };
const AGENT = { name: 'Wang Fang 王芳', email: 'wang.fang@example.com', password: 'wang-fang-2026' };

describe('people and departments in the console', () => {
  let product: Product;
  let browser: Browser;
  let db: pg.Client;
  /** Console errors nobody expected, by page. */
  const errors: string[] = [];
  let admin: Page;
  let agent: Page;
  let inviteUrl: string;
  let agentId: string;

  beforeAll(async () => {
    product = await startProduct();
    browser = await launchChromium();
    db = new pg.Client({ connectionString: product.databaseUrl });
    await db.connect();
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await browser?.close();
    await product?.stop();
  });

  /**
   * Every page in its own browser context (its own session storage: another person's browser). `refusals`:
   * the HTTP statuses this page is expected to get, which Chromium logs as console errors.
   */
  async function openPage(viewport = DESKTOP, refusals: number[] = []): Promise<Page> {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const expected = new RegExp(`status of (${refusals.join('|') || 'none'})\\b`);
    page.on('console', (message) => {
      const { url } = message.location();
      if (message.type() !== 'error' || expected.test(message.text())) return;
      // Known, and the live layer's to fix (api/socket.ts): when the server drops a deactivated person's
      // socket, Socket.IO's long-polling transport may send one more request on the closed session (400).
      if (refusals.includes(401) && /status of 400\b/.test(message.text()) && url.includes('/socket.io/'))
        return;
      errors.push(`${message.text()} (${url})`);
    });
    page.on('pageerror', (error) => errors.push(error.message));
    return page;
  }

  async function signIn(email: string, password: string, viewport = DESKTOP, refusals: number[] = []) {
    const page = await openPage(viewport, refusals);
    await page.goto(product.serverUrl);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    return page;
  }

  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${product.serverUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${product.admin.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  };
  const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
  const fitsWidth = (page: Page) =>
    page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');
  const selectedPresence = (page: Page) =>
    page
      .getByLabel('Presence')
      .evaluate(
        (select) =>
          (select as unknown as { selectedOptions: Array<{ text: string }> }).selectedOptions[0].text,
      );

  it('creates and renames a department, and says which channels keep one from being deleted', async () => {
    // The admin's own demotion is refused (409) in the last test.
    admin = await signIn(product.admin.email, product.admin.password, DESKTOP, [409]);
    await nav(admin).getByRole('link', { name: 'Departments' }).click();
    await admin.getByRole('heading', { name: 'Departments', level: 1 }).waitFor();
    const support = admin.getByRole('row', { name: new RegExp(product.seed.department.name) });
    await support.getByText('1 member', { exact: true }).waitFor();
    await support.getByRole('link', { name: product.seed.channel.name }).waitFor();

    await admin.getByRole('button', { name: 'Add department' }).click();
    await admin.getByText('Enter a name for the department').waitFor();
    await admin.getByLabel('New department').fill('After-sales 售后');
    await admin.getByRole('button', { name: 'Add department' }).click();
    const created = admin.getByRole('row', { name: /After-sales 售后/ });
    await created.getByText('0 members').waitFor();
    await created.getByText('None').waitFor();

    // Renamed in place from the keyboard: Enter saves, and the focus returns to the Rename button.
    await admin.getByRole('button', { name: 'Rename After-sales 售后' }).click();
    const rename = admin.getByLabel('New name for After-sales 售后');
    await rename.fill('After-sales');
    await rename.press('Enter');
    await admin.getByRole('row', { name: /After-sales 0 members/ }).waitFor();
    await admin.waitForFunction(`document.activeElement?.textContent === 'Rename After-sales'`);

    // The seeded department routes the demo channel: the dialog says so and links to it, and deletes nothing.
    await admin.getByRole('button', { name: `Delete ${product.seed.department.name}` }).click();
    const blocked = admin.getByRole('dialog', {
      name: `“${product.seed.department.name}” can’t be deleted yet`,
    });
    await blocked.getByRole('link', { name: product.seed.channel.name }).waitFor();
    await admin.screenshot({ path: screenshotPath('admin-departments-blocked-desktop.png') });
    await blocked.getByRole('button', { name: 'Close' }).click();

    // A channel routed to a department after the page loaded is found when the admin tries to delete it.
    const temporary = await api<DepartmentView>('POST', '/api/departments', { name: 'Temporary' });
    await admin.reload();
    await admin.getByRole('row', { name: /Temporary/ }).waitFor();
    await api('PATCH', `/api/channels/${product.seed.channel.id}`, { departmentId: temporary.id });
    await admin.getByRole('button', { name: 'Delete Temporary' }).click();
    await admin
      .getByRole('dialog', { name: '“Temporary” can’t be deleted yet' })
      .getByRole('link', { name: product.seed.channel.name })
      .waitFor();
    await admin.keyboard.press('Escape');
    await api('PATCH', `/api/channels/${product.seed.channel.id}`, {
      departmentId: product.seed.department.id,
    });
    await admin.getByRole('button', { name: 'Delete Temporary' }).click();
    const confirm = admin.getByRole('dialog', { name: 'Delete “Temporary”?' });
    await confirm.getByText('No channel routes its chats to it. Nobody belongs to it.').waitFor();
    await confirm.getByRole('button', { name: 'Delete department' }).click();
    await admin.getByText('“Temporary” was deleted.').waitFor();
    expect(await admin.getByRole('row', { name: /Temporary/ }).count()).toBe(0);
    const names = (await api<DepartmentView[]>('GET', '/api/departments')).map((d) => d.name);
    expect(names.sort()).toEqual(['After-sales', product.seed.department.name].sort());
    await admin.screenshot({ path: screenshotPath('admin-departments-desktop.png'), fullPage: true });
  }, 90_000);

  it('invites an agent, who chooses a password from the link in a browser of their own and lands in the console', async () => {
    await nav(admin).getByRole('link', { name: 'People' }).click();
    await admin.getByRole('heading', { name: 'People', level: 1 }).waitFor();
    await admin.getByRole('row', { name: new RegExp(product.seed.agent.name) }).waitFor();
    await admin.getByRole('link', { name: 'Invite someone' }).click();

    // Nothing filled in: each problem by its field, the focus on the first.
    await admin.getByRole('button', { name: 'Create invitation link' }).click();
    await admin.getByText('Enter the person’s name').waitFor();
    await admin.getByText('Enter their email address: they sign in with it').waitFor();
    await admin.waitForFunction(`document.activeElement?.getAttribute('data-field') === 'name'`);

    await admin.getByLabel('Name').fill(AGENT.name);
    await admin.getByLabel('Email').fill(AGENT.email);
    await admin.getByRole('radio', { name: /^Agent/ }).check();
    await admin.getByRole('checkbox', { name: 'After-sales' }).check();
    await admin.getByLabel('Most chats at once').fill('0');
    await admin.getByRole('button', { name: 'Create invitation link' }).click();
    await admin.getByText('A whole number from 1 to 100').waitFor();
    await admin.getByLabel('Most chats at once').fill('3');
    await admin.getByRole('button', { name: 'Create invitation link' }).click();

    await admin.getByRole('heading', { name: `${AGENT.name} is invited` }).waitFor();
    const link = admin.getByRole('textbox', { name: 'Invitation link' });
    inviteUrl = await link.inputValue();
    expect(inviteUrl).toMatch(new RegExp(`^${product.serverUrl}/#/invite/[A-Za-z0-9_-]{43}$`));
    await admin.getByText('This link is shown only once').waitFor();
    await admin.getByText(/It works once, until /).waitFor();
    await admin.getByRole('button', { name: 'Copy Invitation link' }).click();
    await admin
      .getByRole('status')
      .filter({ hasText: /Invitation link copied|Selected/ })
      .waitFor();
    await admin.screenshot({ path: screenshotPath('admin-invite-link-desktop.png'), fullPage: true });
    const invited = (await api<UserView[]>('GET', '/api/users')).find((u) => u.email === AGENT.email)!;
    agentId = invited.id;
    expect(invited).toMatchObject({ role: 'agent', maxConcurrentChats: 3, invitationPending: true });

    // The invited person, signed out, in a browser of their own.
    agent = await openPage(NARROW, [401]);
    await agent.goto(inviteUrl);
    await agent.getByText(`Hello ${AGENT.name}. You will sign in as ${AGENT.email}.`).waitFor();
    await agent.screenshot({ path: screenshotPath('invitation-narrow.png'), fullPage: true });
    await agent.getByLabel('New password').fill('short');
    await agent.getByLabel('Repeat the password').fill('short');
    await agent.getByRole('button', { name: 'Set password and sign in' }).click();
    await agent.getByText('At least 8 characters', { exact: true }).waitFor();
    await agent.getByLabel('New password').fill(AGENT.password);
    await agent.getByLabel('Repeat the password').fill(`${AGENT.password}!`);
    await agent.getByRole('button', { name: 'Set password and sign in' }).click();
    await agent.getByText('The two passwords are not the same').waitFor();
    await agent.getByLabel('Repeat the password').fill(AGENT.password);
    await agent.getByLabel('Repeat the password').press('Enter');

    await agent.getByRole('navigation', { name: 'Conversations' }).waitFor();
    await agent.getByRole('button', { name: 'Log out' }).waitFor();
    expect(new URL(agent.url()).hash).toBe('#/open');
    // Signing in is coming to work: the new agent is online and takes chats.
    expect(await selectedPresence(agent)).toBe('Online');
    // An agent's navigation has the inbox and the tickets, no admin screens.
    expect(await nav(agent).getByRole('link').allTextContents()).toEqual([
      'Inbox',
      'Tickets',
      'Search',
      'Canned replies',
    ]);
    await agent.setViewportSize(DESKTOP);

    // The link worked once: opened again, it says so in the server's words and leads to sign in.
    const again = await openPage(DESKTOP, [404]);
    await again.goto(inviteUrl);
    await again
      .getByText('This invitation link is not valid any more: ask your admin for a new one')
      .waitFor();
    await again.getByRole('link', { name: 'Go to sign in' }).click();
    await again.getByRole('button', { name: 'Sign in' }).waitFor();
    await again.context().close();
  }, 90_000);

  it('changes the agent’s capacity and departments and associates them with the demo channel', async () => {
    await admin.getByRole('link', { name: 'Back to people' }).click();
    const row = admin.getByRole('row', { name: new RegExp(AGENT.name) });
    await row.getByText('Active', { exact: true }).waitFor(LIST_REFRESH_WAIT);
    await row.getByRole('link', { name: new RegExp(AGENT.name) }).click();
    await admin.getByRole('heading', { name: AGENT.name, level: 1 }).waitFor();

    const profile = admin.getByRole('form', { name: 'Role, departments and capacity' });
    await profile.getByLabel('Most chats at once').fill('6');
    await profile.getByRole('checkbox', { name: product.seed.department.name }).check();
    await profile.getByRole('button', { name: 'Save changes' }).click();
    await profile.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    const channels = admin.getByRole('region', { name: 'Channels' });
    const demo = channels.getByRole('checkbox', { name: new RegExp(product.seed.channel.name) });
    expect(await demo.isChecked()).toBe(false);
    await demo.check();
    await channels.getByRole('button', { name: 'Save channels' }).click();
    await channels.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await admin.screenshot({ path: screenshotPath('admin-person-desktop.png'), fullPage: true });

    const saved = (await api<UserView[]>('GET', '/api/users')).find((u) => u.id === agentId)!;
    expect(saved.maxConcurrentChats).toBe(6);
    const departments = await api<DepartmentView[]>('GET', '/api/departments');
    expect(saved.departmentIds.map((id) => departments.find((d) => d.id === id)!.name).sort()).toEqual(
      ['After-sales', product.seed.department.name].sort(),
    );
    const channel = await api<ChannelView>('GET', `/api/channels/${product.seed.channel.id}`);
    expect(channel.agentIds.sort()).toEqual([product.seed.agent.id, agentId].sort());

    // The channel's own Agents section shows the same association.
    await admin.goto(`${product.serverUrl}/#/admin/channels/${product.seed.channel.id}/agents`);
    expect(await admin.getByRole('checkbox', { name: new RegExp(AGENT.name) }).isChecked()).toBe(true);

    // And it matters: the agent's open console receives the channel's new chats.
    await product.customerSays(undefined, '售后：咖啡机坏了');
    await agent
      .getByRole('navigation', { name: 'Conversations' })
      .getByRole('link', { name: /售后：咖啡机坏了/ })
      .waitFor();
  }, 90_000);

  it('shows the agent’s presence to the admin: away, idle-away, and back online on activity', async () => {
    await admin.goto(`${product.serverUrl}/#/admin/people`);
    const row = admin.getByRole('row', { name: new RegExp(AGENT.name) });
    await row.getByText('Online', { exact: true }).waitFor();

    await agent.getByLabel('Presence').selectOption('away');
    expect(await selectedPresence(agent)).toBe('Away');
    await row.getByText('Away', { exact: true }).waitFor(LIST_REFRESH_WAIT);
    await agent.getByLabel('Presence').selectOption('online');
    await row.getByText('Online', { exact: true }).waitFor(LIST_REFRESH_WAIT);
    await admin.screenshot({ path: screenshotPath('admin-people-desktop.png'), fullPage: true });

    // Idle for an hour, as far as the server knows: its sweep sets the agent away (idle).
    await db.query(`UPDATE users SET last_active_at = now() - interval '1 hour' WHERE id = $1`, [agentId]);
    expect(await product.app.get(PresenceService).sweepIdle()).toEqual([agentId]);
    await row.getByText('Away (idle)', { exact: true }).waitFor(LIST_REFRESH_WAIT);
    // The agent comes back to the tab: it asks the server at once and shows why they are away…
    await agent.evaluate("document.dispatchEvent(new Event('visibilitychange'))");
    await agent.getByRole('option', { name: 'Away (idle)' }).waitFor({ state: 'attached' });
    expect(await selectedPresence(agent)).toBe('Away (idle)');
    // …and their first input is reported, which brings them back online.
    await agent.mouse.move(200, 200);
    await agent.mouse.move(260, 240);
    await expect(eventually(() => selectedPresence(agent), 'Online')).resolves.toBe('Online');
    await row.getByText('Online', { exact: true }).waitFor(LIST_REFRESH_WAIT);
  }, 120_000);

  it('deactivates the agent after saying what happens, and their open console is signed out', async () => {
    await admin
      .getByRole('row', { name: new RegExp(AGENT.name) })
      .getByRole('link')
      .click();
    await admin.getByRole('button', { name: `Deactivate ${AGENT.name}` }).click();
    const dialog = admin.getByRole('dialog', { name: `Deactivate ${AGENT.name}?` });
    await dialog.getByText(/signed out everywhere at once/).waitFor();
    await dialog.getByText(/the chats they have open now need someone else to take them over/).waitFor();
    await admin.screenshot({ path: screenshotPath('admin-deactivate-desktop.png') });
    await dialog.getByRole('button', { name: 'Deactivate' }).click();
    await admin.getByRole('button', { name: `Reactivate ${AGENT.name}` }).waitFor();
    await admin.getByText('Deactivated', { exact: true }).waitFor();

    await agent.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 15_000 });
    await agent.getByText('Your session has ended. Please sign in again.').waitFor();
    await agent.getByLabel('Email').fill(AGENT.email);
    await agent.getByLabel('Password', { exact: true }).fill(AGENT.password);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await agent.getByText('Wrong email or password').waitFor();
    await agent.context().close();

    await nav(admin).getByRole('link', { name: 'People' }).click();
    const row = admin.getByRole('row', { name: new RegExp(AGENT.name) });
    await row.getByText('Deactivated', { exact: true }).waitFor();
    await row.getByText('—').waitFor();
  }, 60_000);

  it('shows the server’s refusals in words: the last admin, and a link replaced by a newer one', async () => {
    const me = (await api<UserView[]>('GET', '/api/users')).find((u) => u.email === product.admin.email)!;
    await admin.goto(`${product.serverUrl}/#/admin/people/${me.id}`);
    await admin.getByText('This is your own account: another admin can deactivate it, you cannot.').waitFor();
    expect(await admin.getByRole('button', { name: /^Deactivate/ }).count()).toBe(0);
    const profile = admin.getByRole('form', { name: 'Role, departments and capacity' });
    await profile.getByRole('radio', { name: /^Agent/ }).check();
    await profile.getByRole('button', { name: 'Save changes' }).click();
    await profile
      .getByRole('alert')
      .filter({ hasText: 'This is the last active admin: make someone else an admin first' })
      .waitFor();
    expect((await api<UserView[]>('GET', '/api/users')).find((u) => u.id === me.id)!.role).toBe('admin');

    const first = await api<{ inviteUrl: string; user: UserView }>('POST', '/api/users/invitations', {
      name: 'Zhao Lei',
      email: 'zhao.lei@example.com',
      role: 'supervisor',
    });
    await admin.goto(`${product.serverUrl}/#/admin/people/${first.user.id}`);
    await admin.getByRole('heading', { name: 'Invitation pending' }).waitFor();
    await admin.getByRole('button', { name: 'Make a new invitation link' }).click();
    const second = await admin.getByRole('textbox', { name: 'Invitation link' }).inputValue();
    expect(second).not.toBe(first.inviteUrl);

    const old = await openPage(DESKTOP, [404]);
    await old.goto(first.inviteUrl);
    await old.getByText('This link cannot be used').waitFor();
    await old.goto(second);
    await old.getByText('Hello Zhao Lei. You will sign in as zhao.lei@example.com.').waitFor();
    await old.context().close();
  }, 60_000);

  it('lets supervisors look at people without changing them, and works at phone width', async () => {
    await api('POST', '/api/users', {
      name: 'Chen Jing',
      email: 'chen.jing@example.com',
      password: 'chen-jing-2026',
      role: 'supervisor',
    });
    const supervisor = await signIn('chen.jing@example.com', 'chen-jing-2026');
    const links = await nav(supervisor).getByRole('link').allTextContents();
    expect(links).toEqual(['Inbox', 'Tickets', 'Search', 'Canned replies', 'People']);
    await nav(supervisor).getByRole('link', { name: 'People' }).click();
    await supervisor.getByText('Only admins can change people.').waitFor();
    expect(await supervisor.getByRole('link', { name: 'Invite someone' }).count()).toBe(0);
    await supervisor.getByRole('link', { name: new RegExp(product.seed.agent.name) }).click();
    await supervisor.getByRole('heading', { name: product.seed.agent.name, level: 1 }).waitFor();
    await supervisor.getByText('Only admins change who answers which channel.').waitFor();
    expect(await supervisor.getByRole('button', { name: /Save|Deactivate/ }).count()).toBe(0);
    await supervisor.goto(`${product.serverUrl}/#/admin/departments`);
    await supervisor.getByRole('navigation', { name: 'Conversations' }).waitFor();
    await supervisor.context().close();

    const narrow = await signIn(product.admin.email, product.admin.password, NARROW);
    await nav(narrow).getByRole('link', { name: 'People' }).click();
    await narrow.getByRole('row', { name: /Chen Jing/ }).waitFor();
    expect(await fitsWidth(narrow)).toBe(true);
    await narrow.screenshot({ path: screenshotPath('admin-people-narrow.png'), fullPage: true });
    await nav(narrow).getByRole('link', { name: 'Departments' }).click();
    await narrow.getByRole('row', { name: /After-sales/ }).waitFor();
    expect(await fitsWidth(narrow)).toBe(true);
    await narrow.screenshot({ path: screenshotPath('admin-departments-narrow.png'), fullPage: true });
    await narrow.goto(`${product.serverUrl}/#/admin/people/${product.seed.agent.id}`);
    await narrow.getByRole('region', { name: 'Channels' }).waitFor();
    expect(await fitsWidth(narrow)).toBe(true);
    await narrow.screenshot({ path: screenshotPath('admin-person-narrow.png'), fullPage: true });
    await narrow.context().close();
    await admin.context().close();
    expect(errors).toEqual([]);
  }, 60_000);
});

async function eventually<T>(read: () => Promise<T>, wanted: T, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value === wanted || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
