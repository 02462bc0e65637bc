import { html, type SimResponse } from '../http/http-types.js';
import type { Router } from '../http/router.js';
import { PHONE_SCRIPT } from './phone-script.js';
import { PHONE_CSS } from './phone-styles.js';

/** The phone page: play a WeChat customer (OA or WeCom kf) against the server under test. */
export function registerPhonePage(router: Router): void {
  router.get('/phone', (): SimResponse => html(PHONE_HTML));
}

/**
 * The actions of the "+" panel. `only` limits one to a platform; the script shows the matching ones.
 * Follow and unfollow are shown one at a time, depending on whether the customer follows.
 */
const ACTIONS: Array<{ action: string; zh: string; en: string; only?: 'oa' | 'wecom' }> = [
  { action: 'enter', zh: '进入会话', en: 'Enter chat', only: 'wecom' },
  { action: 'image', zh: '图片', en: 'Image' },
  { action: 'file', zh: '文件', en: 'File', only: 'wecom' },
  { action: 'voice', zh: '语音', en: 'Voice' },
  { action: 'video', zh: '视频', en: 'Video' },
  { action: 'location', zh: '位置', en: 'Location' },
  { action: 'link', zh: '链接', en: 'Link' },
  { action: 'scan', zh: '扫一扫', en: 'Scan QR', only: 'oa' },
  { action: 'follow', zh: '关注', en: 'Follow', only: 'oa' },
  { action: 'unfollow', zh: '取消关注', en: 'Unfollow', only: 'oa' },
];

const ACTION_BUTTONS = ACTIONS.map(
  (a) =>
    `<button type="button" data-action="${a.action}"${a.only ? ` data-only="${a.only}"` : ''} aria-label="${a.zh} ${a.en}"><span class="zh">${a.zh}</span><span class="en">${a.en}</span></button>`,
).join('\n    ');

const PHONE_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>WeChat simulator · phone</title>
<link rel="icon" href="data:,">
<style>${PHONE_CSS}</style>
</head>
<body>
<main class="phone">
  <div class="tabs" role="tablist" aria-label="Platform">
    <button id="tab-oa" role="tab" aria-selected="true" type="button">公众号 Official Account</button>
    <button id="tab-wecom" role="tab" aria-selected="false" type="button">微信客服 WeCom</button>
  </div>
  <div class="setup">
    <select id="account" aria-label="Account"></select>
    <select id="customer" aria-label="Customer"></select>
    <button id="new-customer" type="button" aria-label="新顾客 New customer">+ 顾客</button>
  </div>
  <header class="title"><span id="title-name">—</span><small id="title-sub"></small></header>
  <div class="status" id="status" role="status">Pick an account and a customer</div>
  <div class="chat" id="chat" role="log" aria-label="Chat" aria-live="polite"></div>
  <div class="submenu" id="submenu" role="group" hidden></div>
  <nav class="menu" id="menu" aria-label="公众号菜单 Account menu" hidden></nav>
  <form class="sheet" id="sheet" role="dialog" aria-labelledby="sheet-title" hidden>
    <div class="sheet-head"><strong id="sheet-title"></strong><button type="button" id="sheet-close" aria-label="关闭 Close">×</button></div>
    <div class="sheet-fields" id="sheet-fields"></div>
    <button type="submit" class="send" id="sheet-submit">发送 Send</button>
  </form>
  <div class="composer">
    <button class="plus" id="plus" type="button" aria-label="更多 More actions" aria-expanded="false" aria-controls="more">+</button>
    <input id="text" placeholder="输入消息 Type a message" autocomplete="off" aria-label="消息 Message">
    <button class="send" id="send" type="button" aria-label="发送 Send">发送</button>
  </div>
  <div class="more" id="more" role="group" aria-label="更多 More actions" hidden>
    ${ACTION_BUTTONS}
  </div>
  <input type="file" id="image-file" accept="image/png,image/jpeg,image/gif,image/bmp" aria-label="Image file" hidden>
  <input type="file" id="any-file" aria-label="File to send" hidden>
</main>
<script>${PHONE_SCRIPT}</script>
</body>
</html>`;
