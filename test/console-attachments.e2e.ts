import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshotPath } from './support/browser.js';
import { eventually } from './support/oa-channels.js';
import { startProduct, type Product } from './support/product-harness.js';
import { SAMPLE_FILES, sized } from './support/sample-files.js';
import { gradientPng } from './support/sample-png.js';

type InboxItem = { msgtype: string; content?: string; payload: Record<string, unknown> };

/**
 * The composer's attachments (RT3, issue 4 item 11): an agent attaches a picture, sees it checked against the
 * channel's rules and sent, and the customer receives it on WeChat; a file the channel does not take is refused
 * in the console, with the limit named, before anything is uploaded. Real Chromium, located by role and label.
 */
describe('the console sends attachments', () => {
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

  async function openConversation(viewport = { width: 1280, height: 860 }) {
    const question = `能发一下收据吗？${Math.random().toString(36).slice(2, 6)}`;
    const { openid } = await product.customerSays(undefined, question);
    const page = await browser.newPage({ viewport });
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    const uploads: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/attachments')) uploads.push(request.url());
    });
    await page.goto(product.serverUrl);
    await page.getByLabel('Email').fill(product.agent.email);
    await page.getByLabel('Password', { exact: true }).fill(product.agent.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('navigation', { name: 'Conversations' })
      .getByRole('link', { name: new RegExp(question) })
      .click();
    const conversation = page.getByRole('main');
    await conversation.getByRole('log', { name: 'Messages' }).getByText(question).waitFor();
    return { page, openid, errors, uploads, conversation };
  }

  async function attach(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Attach a file' }).click();
    await (await chooser).setFiles(file);
  }

  it('attaches a picture, checks it, sends it and the text after it, then a voice file and a video; the customer receives all', async () => {
    const { page, openid, errors, conversation } = await openConversation();
    const attachButton = conversation.getByRole('button', { name: 'Attach a file' });
    expect(await attachButton.getAttribute('title')).toBe(
      'Images: JPG or PNG, at most 10 MB · Voice messages: MP3 or AMR, at most 2 MB · Videos: MP4, at most 10 MB',
    );
    const picture = gradientPng();
    await attach(page, { name: 'receipt.png', mimeType: 'image/png', buffer: picture });

    const chip = conversation.getByRole('group', { name: 'Attachment: receipt.png' });
    await chip.getByText('Ready to send · up to 10 MB allowed').waitFor();
    expect(await chip.getByText(`PNG image · ${Math.round(picture.length / 1024)} KB`).isVisible()).toBe(
      true,
    );
    await page.screenshot({ path: screenshotPath('composer-attachment-desktop.png') });

    const composer = conversation.getByRole('textbox', { name: 'Message' });
    await composer.fill('这是您的收据');
    await composer.press('Enter');

    const messages = conversation.getByRole('log', { name: 'Messages' });
    const bubble = messages.locator('[data-message-type="image"][data-delivery-state="sent"]');
    await bubble.waitFor({ timeout: 15_000 });
    await bubble.getByRole('img', { name: 'Image from the agent' }).waitFor();
    await page.waitForFunction(
      `(() => { const img = document.querySelector('img[alt="Image from the agent"]'); return img && img.complete && img.naturalWidth === 240; })()`,
    );
    await messages.getByRole('listitem').filter({ hasText: '这是您的收据' }).getByText('Sent').waitFor();
    await chip.waitFor({ state: 'detached' });
    expect(await composer.inputValue()).toBe('');

    const inbox = await eventually(
      () => product.customerInbox(openid) as Promise<InboxItem[]>,
      (items) => items.length === 2,
    );
    expect(inbox.map((item) => [item.msgtype, item.content ?? null])).toEqual([
      ['image', null],
      ['text', '这是您的收据'],
    ]);
    const onPhone = await fetch(`${product.simulator.url}/sim/media/${String(inbox[0].payload.media_id)}`);
    expect(Buffer.from(await onPhone.arrayBuffer()).equals(picture)).toBe(true);
    await page.screenshot({ path: screenshotPath('conversation-sent-image-desktop.png') });

    // A voice file and a video go the same way, and show as the agent's own player bubbles.
    await attach(page, { name: 'answer.mp3', mimeType: 'audio/mpeg', buffer: SAMPLE_FILES.mp3 });
    await conversation
      .getByRole('group', { name: 'Attachment: answer.mp3' })
      .getByText('Ready to send · up to 2 MB allowed')
      .waitFor();
    await conversation.getByRole('button', { name: 'Send' }).click();
    const voice = messages.locator('[data-message-type="voice"][data-delivery-state="sent"]');
    await voice.waitFor({ timeout: 15_000 });
    expect(await voice.getByText('No transcript from WeChat').count()).toBe(0);
    await attach(page, { name: 'how-to.mp4', mimeType: 'video/mp4', buffer: SAMPLE_FILES.mp4 });
    await conversation
      .getByRole('group', { name: 'Attachment: how-to.mp4' })
      .getByText(/^Ready to send/)
      .waitFor();
    await conversation.getByRole('button', { name: 'Send' }).click();
    const video = messages.locator('[data-message-type="video"][data-delivery-state="sent"]');
    await video.waitFor({ timeout: 15_000 });
    expect(await video.locator('video').count()).toBe(1);
    const phone = await eventually(
      () => product.customerInbox(openid) as Promise<InboxItem[]>,
      (items) => items.length === 4,
    );
    expect(phone.map((item) => item.msgtype)).toEqual(['image', 'text', 'voice', 'video']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses a too-large or mislabelled file in the console, naming the limit, and uploads nothing', async () => {
    const { page, errors, uploads, conversation } = await openConversation();
    const send = conversation.getByRole('button', { name: 'Send' });

    await attach(page, {
      name: 'big.png',
      mimeType: 'image/png',
      buffer: sized(gradientPng(), 11 * 1024 * 1024),
    });
    const refusal = conversation.getByRole('alert');
    await refusal
      .getByText('“big.png” is too large: an image can be at most 10 MB on this channel. This one is 11 MB.')
      .waitFor();
    expect(await send.isDisabled()).toBe(true);
    await page.screenshot({ path: screenshotPath('composer-attachment-refused-desktop.png') });
    await conversation.getByRole('button', { name: 'Remove big.png' }).click();
    await conversation.getByRole('group', { name: 'Attachment: big.png' }).waitFor({ state: 'detached' });

    await attach(page, { name: 'song.mp3', mimeType: 'audio/mpeg', buffer: gradientPng() });
    await refusal
      .getByText(/^“song\.mp3” cannot be sent as a voice message: it is a PNG image \(checked by its content/)
      .waitFor();
    expect(await send.isDisabled()).toBe(true);
    expect(uploads).toEqual([]);

    // A picture pasted into the message box is attached the same way.
    await conversation.getByRole('textbox', { name: 'Message' }).focus();
    // (A script string: the tests' TypeScript has no DOM types.)
    await page.evaluate(`(() => {
      const bytes = Uint8Array.from(atob('${gradientPng(64, 48).toString('base64')}'), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
      document.activeElement.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    })()`);
    const pasted = conversation.getByRole('group', { name: 'Attachment: image.png' });
    await pasted.getByText('Ready to send · up to 10 MB allowed').waitFor();
    expect(await send.isEnabled()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the upload’s progress on a slow connection', async () => {
    const { page, openid, conversation } = await openConversation();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 256 * 1024,
    });
    const photo = sized(SAMPLE_FILES.jpg, 1024 * 1024);
    await attach(page, { name: 'scan.jpg', mimeType: 'image/jpeg', buffer: photo });
    await conversation
      .getByRole('group', { name: 'Attachment: scan.jpg' })
      .getByText(/^Ready to send/)
      .waitFor();
    await conversation.getByRole('button', { name: 'Send' }).click();
    const progress = conversation.getByRole('progressbar', { name: 'Uploading scan.jpg' });
    await progress.waitFor();
    await page.screenshot({ path: screenshotPath('composer-attachment-uploading-desktop.png') });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await conversation
      .getByRole('log', { name: 'Messages' })
      .locator('[data-message-type="image"][data-delivery-state="sent"]')
      .waitFor({ timeout: 20_000 });
    await progress.waitFor({ state: 'detached' });
    const inbox = await eventually(
      () => product.customerInbox(openid) as Promise<InboxItem[]>,
      (items) => items.length === 1,
    );
    expect(inbox.map((item) => item.msgtype)).toEqual(['image']);
    await page.close();
  }, 60_000);

  it('fits a narrow screen, attachment and all', async () => {
    const { page, conversation } = await openConversation({ width: 400, height: 820 });
    await attach(page, {
      name: 'a-very-long-file-name-for-the-receipt-of-order-20261201-0042.png',
      mimeType: 'image/png',
      buffer: gradientPng(),
    });
    const chip = conversation.getByRole('group', { name: /^Attachment: a-very-long/ });
    await chip.getByText('Ready to send · up to 10 MB allowed').waitFor();
    const box = await chip.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(400);
    const remove = await conversation.getByRole('button', { name: /^Remove a-very-long/ }).boundingBox();
    expect(remove!.x + remove!.width).toBeLessThanOrEqual(400);
    await page.screenshot({ path: screenshotPath('composer-attachment-narrow.png') });
    await page.close();
  });
});
